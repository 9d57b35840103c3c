"""Export selected library images with their metadata, never overwriting, never half-written.

No re-exports here: the settings read ``naming`` and ``options`` without loading the encoders
and their Qt image modules (the CLI's `history` reads the settings).
"""
