"""Seedream Desktop: image series with ByteDance Seedream 4.0 on RunComfy's Model API."""

__version__ = "0.1.0"
APP_NAME = "Seedream Desktop"
#: With APP_NAME, where the platform keeps the settings (``~/.config/Seedream/…``).
ORGANIZATION = "Seedream"
APP_ID = "seedream-desktop"
