"""Benchmarks: `python -m bench.run` measures ingestion, answers, start-up, digests and Slack acks."""
