"""Resolution: mentions merged into entities, reports merged into events
(:mod:`kg.resolve.entities`), years inferred only with evidence (:mod:`kg.resolve.chronology`)."""
