"""investor-portal: YAML in git -> validated catalogue -> bilingual static portal."""
