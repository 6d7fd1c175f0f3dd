"""Reports: one module per output format. Reports know nothing of how a finding was made."""
