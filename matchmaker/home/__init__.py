"""Each role's landing page: what it must do next."""
