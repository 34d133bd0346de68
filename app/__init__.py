"""Channel Desk: the desktop tool of a channel account manager."""

__version__ = "0.1.0"
APP_NAME = "Channel Desk"
APP_ID = "channel-desk"
