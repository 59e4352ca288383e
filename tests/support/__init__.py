"""What the tests share: staged network faults and the hostile story (never shipped)."""
