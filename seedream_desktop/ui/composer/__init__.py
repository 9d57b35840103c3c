"""The prompt composer's parts: frames, the count warning, styles and prompt history."""
