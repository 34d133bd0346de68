"""The price book: products, dated prices, tier discounts, volume breaks, settings."""
