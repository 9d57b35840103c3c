"""Export selected library images with their metadata, never overwriting, never half-written."""

from seedream_desktop.core.export.exporter import (
    ExportFailure,
    ExportProgress,
    ExportReport,
    export_images,
)
from seedream_desktop.core.export.metadata import image_metadata, read_metadata
from seedream_desktop.core.export.naming import TOKENS, TemplateError, plan_names, validate_template
from seedream_desktop.core.export.options import DEFAULT_TEMPLATE, ExportFormat, ExportOptions

__all__ = [
    "DEFAULT_TEMPLATE",
    "TOKENS",
    "ExportFailure",
    "ExportFormat",
    "ExportOptions",
    "ExportProgress",
    "ExportReport",
    "TemplateError",
    "export_images",
    "image_metadata",
    "plan_names",
    "read_metadata",
    "validate_template",
]
