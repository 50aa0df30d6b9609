"""Research achievements (科技成果): listed by university and institute teams, selected by brokers."""
