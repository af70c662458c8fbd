from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "motcua.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá, xếp hạng giải quyết TTHC"
