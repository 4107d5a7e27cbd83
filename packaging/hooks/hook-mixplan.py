# mixplan imports its heavy parts lazily, inside functions (DESIGN §3), so the
# import graph of the entry point alone would miss them.
from PyInstaller.utils.hooks import collect_submodules, copy_metadata

hiddenimports = collect_submodules("mixplan")
datas = copy_metadata("mixplan")  # so mixplan.__version__ is the installed one
