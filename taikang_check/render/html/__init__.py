"""The HTML report: one self-contained page (inline CSS and SVG), and the trend page.

Same layer as `render/`: it reads the report model and the loaded rules, never the engine.
"""
