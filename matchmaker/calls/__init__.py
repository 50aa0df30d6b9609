"""揭榜挂帅: open calls on key needs, answered with proposals judged by invited experts."""
