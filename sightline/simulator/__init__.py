"""The resident budget simulator: generated from the live programme and financial plan,
answered by residents without a login, its results sent to each proposal's consultation
record."""
