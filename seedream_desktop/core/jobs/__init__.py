"""The job runner: persist → submit → poll → result → download → thumbnail, resumable.

No re-exports here: the CLI's ``history`` reads ``wording`` without loading the runner and httpx.
"""
