# sqlite-utils ships no PyInstaller hook. It loads plugins through pluggy entry
# points, which need its distribution metadata; its own modules are plain imports.
from PyInstaller.utils.hooks import collect_submodules, copy_metadata

hiddenimports = collect_submodules("sqlite_utils")
datas = copy_metadata("sqlite-utils")
