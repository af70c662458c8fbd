"""QR codes drawn as vector rectangles: sharp at any print size and cheaper than embedding a bitmap."""

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import black, white
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

# ISO/IEC 18004 asks for a four-module light margin around the symbol for reliable scanning.
QUIET_ZONE_MODULES = 4
# Scoring all eight mask patterns to pick the "best" one costs ~10 ms per symbol, most of a signature's budget;
# every decoder reads any mask, and the checkerboard mask never forms large one-colour blocks.
FIXED_MASK = 0


def qr_matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES, mask_pattern=FIXED_MASK)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draws the symbol with its quiet zone in the square (x, y, size), on a white ground."""
    matrix = qr_matrix(data)
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(black)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        run_start = None
        # One rectangle per horizontal run of dark modules keeps the content stream small.
        for column_index, dark in enumerate([*row, False]):
            if dark and run_start is None:
                run_start = column_index
            elif not dark and run_start is not None:
                path.rect(x + run_start * module, top, (column_index - run_start) * module, module)
                run_start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):
    def __init__(self, data: str, size: float):
        super().__init__()
        self.data = data
        self.width = self.height = size

    def draw(self):
        draw_qr(self.canv, self.data, 0, 0, self.width)
