"""The calculation engine: pure Python, no Django, no clock.

Every function takes keyword-only typed arguments (``as_of`` included) and
returns frozen dataclasses. Money is ``Decimal``; see ``money``.
"""
