"""Demo data: a deterministic, realistic data set for trying Matchmaker out (``flask demo load``)."""
from .loader import DEMO_ACCOUNTS, DEMO_PASSWORD, clear_all, database_is_empty, load_demo

__all__ = ["DEMO_ACCOUNTS", "DEMO_PASSWORD", "clear_all", "database_is_empty", "load_demo"]
