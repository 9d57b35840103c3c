"""RunComfy Model API client for Seedream 4.0 sequential: params, answers, errors (no Qt).

Import from the modules themselves (``api.client``, ``api.params``, ``api.errors``, …).
"""
