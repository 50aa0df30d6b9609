"""定期推送: each organisation's periodic digest of what is new and fits it.

``services`` holds the rules (who is due, what counts as new, what the digest says), ``tasks`` the
daily run in the task consumer, ``cli`` ``flask --app wsgi digest send``, and ``views`` where an
organisation (or a broker, for any organisation) sets how often it wants one.
"""
