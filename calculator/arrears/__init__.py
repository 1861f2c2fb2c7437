"""Journey 2: where the borrower stands today (the quick estimate and the loan calculator)."""
