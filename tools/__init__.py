"""Development tools run from a checkout (not shipped in the wheel): the regex audit of tests/test_linear_time.py."""
