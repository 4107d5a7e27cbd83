# dmgbuild settings for mixplan's disk image (macOS only).
#
#   uv run --with dmgbuild dmgbuild -s packaging/macos/dmg_settings.py \
#       -D app=dist/mixplan.app "mixplan" dist/mixplan-VERSION.dmg
#
# dmgbuild runs this file with ``defines`` (the -D values) in scope.
import os.path

application = defines.get("app", "dist/mixplan.app")  # noqa: F821
appname = os.path.basename(application)

format = "UDZO"  # compressed, read-only
filesystem = "HFS+"
size = None  # computed from the contents

files = [application]
symlinks = {"Applications": "/Applications"}
badge_icon = None
icon_locations = {appname: (140, 150), "Applications": (420, 150)}

background = "builtin-arrow"
show_status_bar = False
show_tab_view = False
show_toolbar = False
show_pathbar = False
show_sidebar = False
window_rect = ((200, 200), (560, 340))
default_view = "icon-view"
icon_size = 96
text_size = 13
