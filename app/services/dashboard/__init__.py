"""The dashboard: the figures a channel account manager looks at every morning."""
