"""Table questions: question → plan (plan.py) → SQL through the store → answer (run.py)."""

from qa.tableqa.plan import Plan, Planner, inherit
from qa.tableqa.run import TableQA

__all__ = ["Plan", "Planner", "TableQA", "inherit"]
