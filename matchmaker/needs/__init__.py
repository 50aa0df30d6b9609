"""Technology needs (技术需求): posted by enterprises, refined by brokers."""
