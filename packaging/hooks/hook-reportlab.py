# The contributed hooks cover reportlab's font-metrics modules, not the font files
# (the standard Type 1 metrics and the bundled DejaVu/Vera TTFs) that a PDF embeds.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("reportlab", includes=["fonts/*"])
