"""Accounts: organisation registration, sign-in, password changes, role checks."""
