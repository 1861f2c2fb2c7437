"""English dates as the guidance writes them: 20 May 2026, one format across the site.

Django's default ("May 20, 2026") is the American order; the English articles and
every calculator page use day, month, year. Only the long date changes.
"""

DATE_FORMAT = "j F Y"
