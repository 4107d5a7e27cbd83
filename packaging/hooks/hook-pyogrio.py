# pyogrio ships no PyInstaller hook. Without this one the frozen app fails on import
# (its Cython modules import each other at run time) or cannot read any file (GDAL
# finds its data, and PROJ its proj.db, in pyogrio/gdal_data and pyogrio/proj_data,
# located from the module's __file__).
from PyInstaller.utils.hooks import (
    collect_data_files,
    collect_dynamic_libs,
    collect_submodules,
)

hiddenimports = collect_submodules("pyogrio", filter=lambda name: ".tests" not in name)
datas = collect_data_files("pyogrio", excludes=["tests", "tests/**"])
binaries = collect_dynamic_libs("pyogrio")
