"""Journey 3: the negotiation plan, its options and their calendar."""
