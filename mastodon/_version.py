"""The one place the package version is written."""

__version__ = "2.4.0.dev0"
