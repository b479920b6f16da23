"""Console and notebook feedback for long-running computations (Spark's console progress)."""

from dfengine.ui.progress import show_progress

__all__ = ["show_progress"]
