"""The letter to the lender (协商还款申请书): its blocks, its form and its documents."""
