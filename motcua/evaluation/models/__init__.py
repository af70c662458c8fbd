from motcua.evaluation.models.snapshot import EvaluationSnapshot, StaffEvaluationSnapshot
from motcua.evaluation.models.target import RATE_FIELDS, AnnualTarget
from motcua.evaluation.models.weights import EmulationWeights, ImmutableError

__all__ = [
    "RATE_FIELDS",
    "AnnualTarget",
    "EmulationWeights",
    "EvaluationSnapshot",
    "ImmutableError",
    "StaffEvaluationSnapshot",
]
