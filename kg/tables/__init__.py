"""Tables and exports: the facts table (``facts.jsonl``), GraphML / GEXF / CSV, and the one
plain-text table printer."""
