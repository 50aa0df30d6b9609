"""Industries and regions: reference data every listing points to."""
