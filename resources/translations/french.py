# ruff: noqa: E501 - a glossary: one translation per line reads best
"""French translations of mixplan's interface, by source text.

Keys are the English source text, or ``(context, source)`` where one English word
needs two French ones. ``update_translations.py`` writes them into
``mixplan_fr.ts``; "(s)" in a plural source marks the plural ending.
Vocabulary follows French planning usage: surface de plancher (SDP), pleine
terre, coefficient de biotope (CBS), R+n, ICPE, hôtel d'activités.
"""

FRENCH: dict = {
    # --- edit commands (Edit menu: "Annuler Ajouter un bâtiment") ---
    "Add building": "Ajouter un bâtiment",
    "Add ground cover": "Ajouter un revêtement de sol",
    "Add level": "Ajouter un niveau",
    "Delete scenario": "Supprimer le scénario",
    "Duplicate level": "Dupliquer le niveau",
    "Edit": "Modifier",
    "Edit building": "Modifier le bâtiment",
    "Edit level": "Modifier le niveau",
    "Move level": "Déplacer le niveau",
    "New scenario": "Nouveau scénario",
    "Remove building": "Supprimer le bâtiment",
    "Remove ground cover": "Supprimer le revêtement de sol",
    "Remove level": "Supprimer le niveau",
    "Rename scenario": "Renommer le scénario",
    "Set access": "Modifier l'accès",
    "Set design load": "Modifier la charge d'exploitation",
    "Set footprint": "Modifier l'emprise",
    "Set ground cover": "Modifier le revêtement de sol",
    "Set car spaces": "Modifier le nombre de places",
    "Car spaces of the selected surface car park; — (or 0): not stated, estimated "
    "as its area ÷ %1 m²": "Places du parc de stationnement en surface "
    "sélectionné ; — (ou 0) : non renseigné, estimé à sa surface ÷ %1 m²",
    "Set level height": "Modifier la hauteur d'étage",
    "Set level uses": "Modifier les usages du niveau",
    "Set rule parameter": "Modifier un paramètre de règle",
    "Set site boundary": "Modifier le périmètre du site",
    "Set nuisance class": "Modifier la classe ICPE",
    "Rename building": "Renommer le bâtiment",
    "Move vertex": "Déplacer un sommet",
    "Insert vertex": "Insérer un sommet",
    "Delete vertex": "Supprimer un sommet",
    "Move building": "Déplacer le bâtiment",
    "Move buildings": "Déplacer les bâtiments",
    "Rotate building": "Faire pivoter le bâtiment",
    "Rotate buildings": "Faire pivoter les bâtiments",
    "Delete building": "Supprimer le bâtiment",
    "Delete %n buildings": "Supprimer %n bâtiments",
    "Delete ground cover": "Supprimer le revêtement de sol",
    "Delete %n ground covers": "Supprimer %n revêtements de sol",
    "Duplicate buildings": "Dupliquer les bâtiments",
    "Apply preset “%1”": "Appliquer le modèle « %1 »",
    # --- main window: menus and actions ---
    "&File": "&Fichier",
    "Open &Recent": "Fichiers &récents",
    "&Edit": "É&dition",
    "&View": "&Affichage",
    "&Panels": "&Panneaux",
    "&Tools": "&Outils",
    "&Scenario": "&Scénario",
    "&Language": "&Langue",
    "&Help": "Ai&de",
    "&New": "&Nouveau",
    "Start a new project": "Commencer un nouveau projet",
    "&Open…": "&Ouvrir…",
    "Open a project or a GeoPackage": "Ouvrir un projet ou un GeoPackage",
    "&Save": "&Enregistrer",
    "Save the project": "Enregistrer le projet",
    "Save &As…": "Enregistrer &sous…",
    "Save the project under another name": "Enregistrer le projet sous un autre nom",
    "&Import…": "&Importer…",
    "Import GIS, CAD or GeoJSON data": "Importer des données SIG, DAO ou GeoJSON",
    "&Export…": "E&xporter…",
    "Export the scenario as GeoJSON, CSV or DXF": "Exporter le scénario en GeoJSON, CSV ou DXF",
    "Export &report…": "Exporter le &rapport…",
    "Write the council-ready PDF report": "Produire le rapport PDF pour les élus",
    "&Quit": "&Quitter",
    "Quit mixplan": "Quitter mixplan",
    "&Delete": "&Supprimer",
    "Delete the selected buildings or ground covers": "Supprimer les bâtiments ou revêtements de sol sélectionnés",
    "D&uplicate": "D&upliquer",
    "Duplicate the selected buildings": "Dupliquer les bâtiments sélectionnés",
    "Select &all": "Tout &sélectionner",
    "Select every building": "Sélectionner tous les bâtiments",
    "Zoom to &site": "Zoomer sur le &site",
    "Show the whole site": "Afficher tout le site",
    "Zoom to s&election": "Zoomer sur la s&élection",
    "Frame the selected buildings": "Cadrer les bâtiments sélectionnés",
    "&Plan": "&Plan",
    "The site plan": "Le plan du site",
    "&Massing": "&Volumétrie",
    "The axonometric massing view": "La vue axonométrique des volumes",
    "Show &baseline outlines": "Afficher les contours de l'&existant",
    "Draw the baseline's buildings faintly": "Dessiner en pointillé les bâtiments existants",
    "Show &labels": "Afficher les é&tiquettes",
    "Names and storeys": "Noms et niveaux",
    "Snap to vertices and edges": "Aimanter aux sommets et aux côtés",
    "Snap to a 1 m grid": "Aimanter à une grille de 1 m",
    "Select": "Sélectionner",
    "Click, Shift-click or drag a box": "Clic, Maj+clic ou cadre de sélection",
    "Draw building": "Dessiner un bâtiment",
    "Click the corners; double-click or Enter closes": "Cliquer les angles ; double-clic ou Entrée pour fermer",
    "Rectangle": "Rectangle",
    "Two corners, or a corner then width x depth": "Deux angles, ou un angle puis largeur x profondeur",
    "Draw ground cover": "Dessiner un revêtement de sol",
    "Click the corners of a ground cover polygon": "Cliquer les angles d'un polygone de revêtement de sol",
    "Edit site boundary": "Modifier le périmètre du site",
    "Move the site's vertices (draws it if none)": "Déplacer les sommets du périmètre (le dessiner s'il n'existe pas)",
    "Edit vertices": "Modifier les sommets",
    "Drag, insert (double-click) or delete vertices": "Déplacer, insérer (double-clic) ou supprimer des sommets",
    "Move": "Déplacer",
    "Move the selected buildings": "Déplacer les bâtiments sélectionnés",
    "Rotate": "Pivoter",
    "Rotate the selected buildings": "Faire pivoter les bâtiments sélectionnés",
    "&New from baseline…": "&Nouveau à partir de l'existant…",
    "A new scenario copying the baseline": "Un nouveau scénario copiant l'existant",
    "&Duplicate…": "&Dupliquer…",
    "A copy of the current scenario": "Une copie du scénario courant",
    "&Rename…": "&Renommer…",
    "Rename the current scenario": "Renommer le scénario courant",
    "De&lete": "Supp&rimer",
    "Delete the current scenario": "Supprimer le scénario courant",
    "&Compare": "&Comparer",
    "Scenarios side by side": "Les scénarios côte à côte",
    "&About mixplan": "À &propos de mixplan",
    "&Rule sources": "&Sources des règles",
    "Every rule, its threshold and its source": "Chaque règle, son seuil et sa source",
    "Autosave failed: {0}": "L'enregistrement automatique a échoué : {0}",
    "The rules could not be checked: {0}": "Les règles n'ont pas pu être vérifiées : {0}",
    "File": "Fichier",
    "Tools": "Outils",
    "Scenarios": "Scénarios",
    "History": "Historique",
    "Inspector": "Inspecteur",
    "Indicators": "Indicateurs",
    "Findings": "Constats",
    "{0} — not available in this build": "{0} — indisponible dans cette version",
    "Surface type of the selected ground cover, or of the next one drawn": "Type de sol du revêtement sélectionné, ou du prochain dessiné",
    "Rules: …": "Règles : …",
    "Select one building to rename it": "Sélectionnez un seul bâtiment pour le renommer",
    "%n error(s)": "%n erreur(s)",
    "No errors": "Aucune erreur",
    "The comparison is not available in this build.": "La comparaison est indisponible dans cette version.",
    "(none)": "(aucun)",
    "Clear the list": "Vider la liste",
    # --- scenarios dock, history, legend, covers ---
    "{0} (baseline)": "{0} (existant)",
    "⚠ %n error(s)": "⚠ %n erreur(s)",
    "<opened>": "<ouverture>",
    "Housing": "Logement",
    "Productive": "Productif",
    "Tertiary": "Tertiaire",
    "Shared": "Mutualisé",
    "Parking, technical": "Stationnement, locaux techniques",
    "Unassigned": "Non affecté",
    "Error finding": "Constat d'erreur",
    "Baseline outline": "Contour de l'existant",
    "Open soil (pleine terre)": "Pleine terre plantée",
    "Lawn (pleine terre, artificialised)": "Pelouse (pleine terre, artificialisée)",
    "Surface car park": "Parc de stationnement en surface",
    "Semi-open ground": "Sol semi-ouvert",
    "Permeable paving": "Revêtement perméable",
    "Sealed": "Imperméabilisé",
    "Yard": "Cour",
    "Green on slab": "Végétalisé sur dalle",
    # --- tools ---
    "Click to add vertices; double-click or Enter closes, Backspace removes the "
    "last, Esc cancels": "Cliquer pour ajouter des sommets ; double-clic ou Entrée pour fermer, "
    "Retour arrière retire le dernier, Échap annule",
    "Drawing cancelled": "Dessin annulé",
    "Length {0:.2f} m · perimeter {1:.2f} m · area {2:.1f} m²": "Longueur {0:.2f} m · périmètre {1:.2f} m · surface {2:.1f} m²",
    "A polygon needs at least three vertices": "Un polygone a au moins trois sommets",
    "The outline crosses itself; move or remove a vertex (Backspace)": "Le contour se recoupe ; déplacez ou retirez un sommet (Retour arrière)",
    "Click a corner, then the opposite corner, or type width x depth and Enter": "Cliquer un angle, puis l'angle opposé, ou taper largeur x profondeur "
    "puis Entrée",
    "Type width x depth, e.g. 30x12": "Tapez largeur x profondeur, par ex. 30x12",
    "{0:.2f} m × {1:.2f} m · area {2:.1f} m² {3}": "{0:.2f} m × {1:.2f} m · surface {2:.1f} m² {3}",
    "The rectangle has no area": "Le rectangle n'a pas de surface",
    "Drag to move the selected buildings (Shift: along an axis)": "Faire glisser pour déplacer les bâtiments sélectionnés (Maj : selon un axe)",
    "Move {0:.2f} m, {1:.2f} m": "Déplacement {0:.2f} m, {1:.2f} m",
    "Drag around the selection to rotate it (Shift: 15° steps)": "Faire glisser autour de la sélection pour la faire pivoter "
    "(Maj : pas de 15°)",
    "Rotate {0:.1f}°": "Rotation {0:.1f}°",
    "Drag a vertex; double-click an edge to add one; Delete removes the vertex "
    "under the cursor": "Faire glisser un sommet ; double-clic sur un côté pour en ajouter un ; "
    "Suppr retire le sommet sous le curseur",
    "A polygon keeps at least three vertices": "Un polygone garde au moins trois sommets",
    "That would make the outline cross itself": "Le contour se recouperait",
    "Select buildings first": "Sélectionnez d'abord des bâtiments",
    "Not applied: {0}": "Non appliqué : {0}",
    "New building {0}": "Nouveau bâtiment {0}",
    # --- edit operations, about, rule sources ---
    "{0} (copy)": "{0} (copie)",
    "{0} copy": "{0} copie",
    "Duplicate scenario": "Dupliquer le scénario",
    "Scenario {0}": "Scénario {0}",
    "New scenario from the baseline": "Nouveau scénario à partir de l'existant",
    "Name of the new scenario:": "Nom du nouveau scénario :",
    "New name:": "Nouveau nom :",
    "The baseline scenario cannot be deleted.": "Le scénario existant ne peut pas "
    "être supprimé.",
    "Delete the scenario “{0}”? (Undo brings it back.)": "Supprimer le scénario « {0} » ? (Annuler le rétablit.)",
    "About mixplan": "À propos de mixplan",
    "<h3>mixplan {0}</h3><p>Plan the mixed-use redevelopment of business sites: "
    "keep the productive floor area while density rises.</p><p>Rules and their "
    "sources: Help › Rule sources.</p>": "<h3>mixplan {0}</h3><p>Planifier la mutation mixte des zones d'activités : "
    "garder la surface productive tout en densifiant.</p><p>Les règles et leurs "
    "sources : Aide › Sources des règles.</p>",
    "Rules": "Règles",
    "Rulebook parameters and their sources": "Paramètres des règles et leurs sources",
    "Status: S sourced, M from memory, I inference.": "Statut : S sourcé, M de mémoire, I inférence.",
    "Rule sources": "Sources des règles",
    # --- errors and files ---
    "Something went wrong; your project is still open and unchanged.": "Un problème est survenu ; votre projet est toujours ouvert et inchangé.",
    "The details were written to {0}": "Les détails sont dans {0}",
    "Save the changes to {0}?": "Enregistrer les modifications de {0} ?",
    "Open a project": "Ouvrir un projet",
    "mixplan projects and GeoPackages (*.gpkg);;All files (*)": "Projets mixplan et GeoPackages (*.gpkg);;Tous les fichiers (*)",
    "Save the project as": "Enregistrer le projet sous",
    "mixplan projects (*.mixplan.gpkg)": "Projets mixplan (*.mixplan.gpkg)",
    "never saved": "jamais enregistré",
    "Recover unsaved work": "Récupérer le travail non enregistré",
    "mixplan did not close normally. Recover the project “{0}” as autosaved at {1}?": "mixplan ne s'est pas fermé normalement. Récupérer le projet « {0} » "
    "enregistré automatiquement à {1} ?",
    "Original file: {0}": "Fichier d'origine : {0}",
    "Recover": "Récupérer",
    "Discard": "Abandonner",
    "Later": "Plus tard",
    "{0} is a GeoPackage but not a mixplan project. Import its layers into the "
    "open project?": "{0} est un GeoPackage mais pas un projet mixplan. Importer ses couches "
    "dans le projet ouvert ?",
    "Untitled": "Sans titre",
    "Could not open {0}": "Impossible d'ouvrir {0}",
    "Opened {0}": "{0} ouvert",
    "{0} was not opened: the open project was kept": "{0} n'a pas été ouvert : "
    "le projet en cours a été conservé",
    "This project was being saved when a program stopped; it opened from a "
    "recovered copy — save to keep it.": "Ce projet était en cours "
    "d'enregistrement quand un programme s'est arrêté ; il a été ouvert depuis une "
    "copie récupérée — enregistrez-le pour la conserver.",
    "The journal beside this project ({0}) is not its own: it was left alone and "
    "the project read as it is.": "Le journal à côté de ce projet ({0}) n'est pas "
    "le sien : il a été laissé tel quel et le projet lu en l'état.",
    "Keep a &backup when saving": "Garder une &sauvegarde à l'enregistrement",
    "Keep the replaced file as NAME.mixplan.gpkg.bak at each full save": "Garder "
    "le fichier remplacé sous NOM.mixplan.gpkg.bak à chaque enregistrement complet",
    "A save of the project “{0}” was stopped at {1} before it could replace the "
    "file. Recover the version it had written?": "Un enregistrement du projet "
    "« {0} » a été interrompu à {1} avant de remplacer le fichier. Récupérer la "
    "version qu'il avait écrite ?",
    "Newer version found": "Version plus récente trouvée",
    "A save of this project was stopped at {0} after writing a newer version, "
    "before it could replace the file. Open the newer version?": "Un "
    "enregistrement de ce projet a été interrompu à {0} après avoir écrit une "
    "version plus récente, avant de remplacer le fichier. Ouvrir la version plus "
    "récente ?",
    "The version you do not choose is kept: the saved file stays as it is until "
    "you save; the newer version stays in the recovery folder.": "La version que "
    "vous ne choisissez pas est conservée : le fichier enregistré reste tel quel "
    "jusqu'au prochain enregistrement ; la version plus récente reste dans le "
    "dossier de récupération.",
    "Open the newer version": "Ouvrir la version plus récente",
    "Keep the saved file": "Garder le fichier enregistré",
    "The newer version is kept as {0}": "La version plus récente est conservée "
    "sous {0}",
    "Could not save {0}": "Impossible d'enregistrer {0}",
    "Saved {0}": "{0} enregistré",
    "Could not recover {0}": "Impossible de récupérer {0}",
    "Recovered unsaved work": "Travail non enregistré récupéré",
    "Export the scenario": "Exporter le scénario",
    "Could not export to {0}": "Impossible d'exporter vers {0}",
    "Exported {0}": "{0} exporté",
    "{0} is exported once the export under way is written": "{0} sera exporté dès "
    "que l'export en cours sera écrit",
    # --- inspector, levels, uses, presets ---
    "Building": "Bâtiment",
    ("BuildingAttributesBox", "none"): "aucun",
    "Vehicle ramp to upper floors": "Rampe véhicules vers les étages",
    "Pooled for the whole site": "Mutualisé pour tout le site",
    "Common parts": "Parties communes",
    "Dwellings served by internal common parts: housing floor area (surface de plancher) is reduced by a further 10% (Code de l'urbanisme, art. R111-22, 8°). Untick for a single house.": "Logements desservis par des parties communes intérieures : la surface de plancher des logements est réduite de 10 % supplémentaires (Code de l'urbanisme, art. R111-22, 8°). Décocher pour une maison individuelle.",
    "Plain roof": "Toiture simple",
    "Green roof": "Toiture végétalisée",
    "Freight lift": "Monte-charge",
    "Ramp": "Rampe",
    "Loading bays": "Quais de livraison",
    "Parking spaces": "Places de stationnement",
    "Roof": "Toiture",
    "Select a building to see and edit its levels.": "Sélectionnez un bâtiment pour voir et modifier ses niveaux.",
    "Building name": "Nom du bâtiment",
    "Add": "Ajouter",
    "Add an unassigned level above the selected one": "Ajouter un niveau non affecté au-dessus du niveau sélectionné",
    "Duplicate": "Dupliquer",
    "Copy the selected level just above it": "Copier le niveau sélectionné juste au-dessus",
    "Remove": "Retirer",
    "Remove the selected level": "Retirer le niveau sélectionné",
    "Move the selected level up one storey": "Monter le niveau sélectionné d'un étage",
    "Move the selected level down one storey": "Descendre le niveau sélectionné d'un étage",
    "Uses of the selected level": "Usages du niveau sélectionné",
    "Add use": "Ajouter un usage",
    "Remove use": "Retirer l'usage",
    "Existing building": "Bâtiment existant",
    "New building": "Bâtiment neuf",
    "Kept as existing": "Conservé en l'état",
    "Take the existing version": "Reprendre la version existante",
    "&Restore a removed building…": "&Rétablir un bâtiment supprimé…",
    "Keep again a building of the existing state this scenario removes": (
        "Conserver de nouveau un bâtiment existant que ce scénario supprime"
    ),
    "This scenario removes no building of the existing state": (
        "Ce scénario ne supprime aucun bâtiment existant"
    ),
    "Restore a removed building": "Rétablir un bâtiment supprimé",
    "Building of the existing state to keep again:": (
        "Bâtiment existant à conserver de nouveau :"
    ),
    "Replace this building by the existing state's current version (one undo step)": (
        "Remplacer ce bâtiment par la version actuelle de l'état existant "
        "(une seule annulation)"
    ),
    "The existing state was edited after this change (U02)": (
        "L'état existant a été modifié après ce changement (U02)"
    ),
    "Restore building": "Rétablir le bâtiment",
    "Restore ground cover": "Rétablir le revêtement de sol",
    "Restore a removed &ground cover…": "Rétablir un &revêtement de sol supprimé…",
    "Keep again a ground cover of the existing state this scenario removes": (
        "Conserver de nouveau un revêtement de sol existant que ce scénario supprime"
    ),
    "This scenario removes no ground cover of the existing state": (
        "Ce scénario ne supprime aucun revêtement de sol existant"
    ),
    "Restore a removed ground cover": "Rétablir un revêtement de sol supprimé",
    "Ground cover of the existing state to keep again:": (
        "Revêtement de sol existant à conserver de nouveau :"
    ),
    "Replace this ground cover by the existing state's current version (one undo step)": (
        "Remplacer ce revêtement de sol par la version actuelle de l'état existant "
        "(une seule annulation)"
    ),
    "The surface type is set in the toolbar; Edit ▸ Delete removes the cover and Edit ▸ Restore a removed ground cover… brings back one of the existing state.": (
        "Le type de surface se règle dans la barre d'outils ; Édition ▸ Supprimer "
        "retire le revêtement et Édition ▸ Rétablir un revêtement de sol supprimé… "
        "en ramène un de l'existant."
    ),
    "Ground cover %1: %2, %3 m²": "Revêtement de sol %1 : %2, %3 m²",
    "Existing cover": "Revêtement existant",
    "Changed from the existing state": "Modifié par rapport à l'existant",
    "New cover": "Revêtement neuf",
    "Raised": "Surélevé",
    "Converted": "Reconverti",
    "Raised and converted": "Surélevé et reconverti",
    "Modified": "Modifié",
    "%1 (from %2)": "%1 (issu de %2)",
    "%1 — first of %2 selected": "%1 — premier des %2 sélectionnés",
    "%1 — %2 selected: edits go to all of them": "%1 — %2 sélectionnés : les modifications s'appliquent à tous",
    "R+ as typology": "R+ de la typologie",
    "&Attribute table": "Table &attributaire",
    "R&ules…": "&Règles…",
    "DXF layer": "Calque DXF",
    "Add to filter": "Ajouter au filtre",
    "%1 is not in the PROJ database": "%1 n'est pas dans la base PROJ",
    "%1 is not a projected CRS": "%1 n'est pas un système projeté",
    "%1 is in %2; mixplan works in metres": "%1 est en %2 ; mixplan travaille en mètres",
    "%1: yes or no, not %2": "%1 : oui ou non, pas %2",
    "%1: plain or green, not %2": "%1 : simple ou végétalisée, pas %2",
    "unknown column %1; columns: %2": "colonne inconnue %1 ; colonnes : %2",
    "%1 is not a number": "%1 n'est pas un nombre",
    "%1: a number, not %2": "%1 : un nombre, pas %2",
    "%1: a whole number ≥ 0, not %2": "%1 : un entier ≥ 0, pas %2",
    "Closed outlines": "Contours fermés",
    "Becomes": "Devient",
    "(not imported)": "(non importé)",
    "Outline (unassigned floor area)": "Contour (surface non affectée)",
    "Show le&gend": "Afficher la lé&gende",
    "The colours of the plan (drag it to move it)": "Les couleurs du plan (faites-la glisser pour la déplacer)",
    "Drag to move the legend; View ▸ Show legend hides it": "Faites glisser la légende pour la déplacer ; Affichage ▸ Afficher la légende la masque",
    "Every rule parameter with its source; rules on or off": "Chaque paramètre des règles avec sa source ; règles actives ou non",
    "Rule": "Règle",
    "Parameter": "Paramètre",
    "Unit": "Unité",
    "Status": "Statut",
    "Source": "Source",
    "S: sourced · M: from memory, to check · I: inference": "S : sourcé · M : de mémoire, à vérifier · I : déduit",
    "on": "active",
    "off": "inactive",
    "Default: %1": "Par défaut : %1",
    "Rulebook": "Règlement",
    "Import TOML…": "Importer un TOML…",
    "Export TOML…": "Exporter en TOML…",
    "Close": "Fermer",
    "Import a rulebook": "Importer un règlement",
    "Rulebook (*.toml)": "Règlement (*.toml)",
    "Export the rulebook": "Exporter le règlement",
    "Import rulebook": "Importer le règlement",
    "%1 parameter(s) changed from %2": "%1 paramètre(s) modifié(s) d'après %2",
    "Wrote %1": "Écrit : %1",
    "The scenario's buildings as a table": "Les bâtiments du scénario sous forme de table",
    "Attribute table": "Table attributaire",
    "Id": "Identifiant",
    "Name": "Nom",
    "Uses (ground floor)": "Usages (rez-de-chaussée)",
    "Storeys": "Niveaux",
    "Housing SDP (m²)": "SDP logement (m²)",
    "Productive SDP (m²)": "SDP productive (m²)",
    "Tertiary SDP (m²)": "SDP tertiaire (m²)",
    "Shared SDP (m²)": "SDP mutualisée (m²)",
    "Productive-grade (m²)": "Productif conforme (m²)",
    "%1 (sorting…)": "%1 (tri en cours…)",
    "In a query: %1": "Dans une requête : %1",
    "Select by attribute: height > 15, productive >= 500, name ~ hall": "Sélection attributaire : hauteur > 15, productif >= 500, nom ~ halle",
    "Freight lift (kg)": "Monte-charge (kg)",
    "Roof (plain, green)": "Toiture (simple, végétalisée)",
    "Ramp (yes, no)": "Rampe (oui, non)",
    "Pooled (yes, no)": "Mutualisé (oui, non)",
    "value": "valeur",
    "Set for the selected": "Appliquer à la sélection",
    "%1 building(s) selected": "%1 bâtiment(s) sélectionné(s)",
    "Select buildings first.": "Sélectionnez d'abord des bâtiments.",
    "%1 building(s) changed": "%1 bâtiment(s) modifié(s)",
    "Project se&ttings…": "&Paramètres du projet…",
    "Name, author, site name and CRS of the project": "Nom, auteur, nom du site et système de coordonnées du projet",
    "Project settings": "Paramètres du projet",
    "Project &name": "&Nom du projet",
    "&Author": "&Auteur",
    "&Site name": "Nom du &site",
    "Coordinate reference system": "Système de coordonnées de référence",
    "Search by EPSG code or name (e.g. Lambert-93, New York)": "Chercher par code EPSG ou par nom (ex. Lambert-93, New York)",
    "Use the selected CRS": "Utiliser le système choisi",
    "Draw or import the site first": "Dessinez ou importez d'abord le site",
    "Project CRS: %1": "Système du projet : %1",
    "The CRS is chosen before anything is drawn or imported: the project's coordinates are in it": "Le système de coordonnées se choisit avant de dessiner ou d'importer quoi que ce soit : les coordonnées du projet y sont exprimées",
    "Choose a CRS in the list first.": "Choisissez d'abord un système dans la liste.",
    "Edit project settings": "Modifier les paramètres du projet",
    "Storeys above the ground floor given by the next preset (R+n), or the typology's own": "Étages au-dessus du rez-de-chaussée donnés par la prochaine typologie (R+n), ou ceux de la typologie",
    "Fill the levels of the selected buildings from a typology": "Remplir les niveaux des bâtiments sélectionnés d'après une typologie",
    "R+%1, %2 m": "R+%1, %2 m",
    "%1 · %2 m · %3 m² floor area": "%1 · %2 m · %3 m² de surface de plancher",
    "Street": "Rue",
    ("LevelsTableModel", "None"): "Aucun",
    "Storey": "Niveau",
    "Uses": "Usages",
    "Height": "Hauteur",
    "Load": "Charge",
    "Access": "Accès",
    "ICPE": "ICPE",
    "Area": "Surface",
    "Storey: ground, upper levels, basements": "Niveau : RDC, étages, sous-sols",
    "Uses and their shares of the floor area": "Usages et leur part de la surface",
    "Floor-to-floor height (m)": "Hauteur d'étage (m)",
    "Design imposed load (kN/m²)": "Charge d'exploitation (kN/m²)",
    "How goods and vehicles reach the level": "Accès des marchandises et des véhicules",
    "Nuisance class of the activity (ICPE regime)": "Classe de nuisance de l'activité (régime ICPE)",
    "Gross floor area (m²)": "Surface de plancher brute (m²)",
    "Ground": "RDC",
    "L%1": "R+%1",
    "B%1": "S%1",
    "%1 m² gross floor area": "%1 m² de surface brute",
    "Use": "Usage",
    "Share (%)": "Part (%)",
    "Nuisance": "Nuisance",
    "Preset": "Modèle",
    "Fill the levels from a typology": "Remplir les niveaux d'après une typologie",
    "R+%1, %2 m — %3": "R+%1, %2 m — %3",
    # --- indicators, findings, compare, massing ---
    "Floor area (SDP)": "Surface de plancher (SDP)",
    "Productive floor area": "Surface productive",
    "Productive retention": "Maintien du productif",
    "Floor area ratio": "Coefficient d'occupation (densité)",
    "Site coverage": "Emprise au sol",
    "Dwellings": "Logements",
    "Jobs": "Emplois",
    "Open soil": "Pleine terre",
    "Biotope coefficient (CBS)": "Coefficient de biotope (CBS)",
    "Net new artificialised land": "Artificialisation nette nouvelle",
    "Maximum height": "Hauteur maximale",
    "Surface de plancher: gross floor area × use share × SDP factor (R111-22)": "Surface de plancher : surface brute × part de l'usage × coefficient SDP "
    "(R111-22)",
    "Productive floor area that is productive-grade (C13)": "Surface productive réellement apte à l'activité (C13)",
    "Productive floor area ÷ the baseline's (C09)": "Surface productive ÷ celle de l'existant (C09)",
    "Floor area ratio: SDP ÷ site area": "Densité : SDP ÷ surface du site",
    "Footprints ÷ site area (C02)": "Emprises ÷ surface du site (C02)",
    "Housing SDP ÷ floor area per dwelling": "SDP de logement ÷ surface par logement",
    "Floor area of each use ÷ its floor area per job": "Surface de chaque usage ÷ sa surface par emploi",
    "Open soil (pleine terre) ÷ site area (C06)": "Pleine terre ÷ surface du site (C06)",
    "Biotope coefficient: weighted surfaces ÷ site area (C07)": "Coefficient de biotope : surfaces pondérées ÷ surface du site (C07)",
    "Land artificialised since the baseline, net (C08)": "Sols artificialisés depuis l'existant, en net (C08)",
    "Tallest building above ground (C03)": "Bâtiment le plus haut hors sol (C03)",
    "Loading bays on the site (C20)": "Quais de livraison sur le site (C20)",
    "Parking spaces on the site (C19)": "Places de stationnement sur le site (C19)",
    "Floor area by family (m², pale: baseline)": "Surface par famille (m², pâle : existant)",
    "%1 — evaluating…": "%1 — évaluation…",
    "%1 (baseline)": "%1 (existant)",
    "%1 compared with %2": "%1 comparé à %2",
    "Indicator": "Indicateur",
    "Value": "Valeur",
    "vs baseline": "vs existant",
    "Errors (%1)": "Erreurs (%1)",
    "Warnings (%1)": "Avertissements (%1)",
    "Information (%1)": "Informations (%1)",
    "measured %1": "mesuré %1",
    "limit %1": "limite %1",
    "source: %1": "source : %1",
    "Evaluating…": "Évaluation…",
    "No findings: every rule passes.": "Aucun constat : toutes les règles sont "
    "respectées.",
    "%n warning(s)": "%n avertissement(s)",
    "%n note(s)": "%n note(s)",
    "Compare scenarios": "Comparer les scénarios",
    "Change from the baseline in brackets; a rule fails on an error. Double-click "
    "a scenario to show it.": "Écart à l'existant entre parenthèses ; une règle échoue sur une erreur. "
    "Double-cliquer un scénario pour l'afficher.",
    "Indicator or rule": "Indicateur ou règle",
    "✓ pass": "✓ respectée",
    "✗ fail (%1)": "✗ non respectée (%1)",
    "! warning (%1)": "! avertissement (%1)",
    "No building in this scenario": "Aucun bâtiment dans ce scénario",
    "Drawing %1 buildings… %2%": "Dessin de %1 bâtiments… %2 %",
    # --- import dialog ---
    "Browse…": "Parcourir…",
    "Buildings": "Bâtiments",
    "Site boundary": "Périmètre du site",
    "Ground cover": "Revêtement de sol",
    "Automatic": "Automatique",
    "BD TOPO (IGN)": "BD TOPO (IGN)",
    "Fields below": "Champs ci-dessous",
    "from the file, e.g. EPSG:4326": "celui du fichier, par ex. EPSG:4326",
    "Keep only what lies in the site": "Ne garder que ce qui est dans le site",
    "Import as": "Importer comme",
    "Layer": "Couche",
    "Into scenario": "Dans le scénario",
    "CRS": "SCR",
    "Filter": "Filtre",
    "(unassigned)": "(non affecté)",
    "Fields": "Champs",
    "Height (m)": "Hauteur (m)",
    "Number of levels": "Nombre de niveaux",
    "Use map": "Correspondance des usages",
    "Default use": "Usage par défaut",
    "X,Y (default: the site's centre)": "X,Y (par défaut : le centre du site)",
    "CAD plan": "Plan DAO",
    "Layers": "Calques",
    "Origin": "Origine",
    "Rotation": "Rotation",
    "Preview": "Aperçu",
    "Import": "Importer",
    "Import a file": "Importer un fichier",
    "Reading…": "Lecture…",
    "CAD plan (DXF); closed outlines by layer: ": "Plan DAO (DXF) ; contours fermés par calque : ",
    ("ImportDialog", "none"): "aucun",
    "mixplan GeoJSON": "GeoJSON mixplan",
    "GIS data, %n layer(s)": "Données SIG, %n couche(s)",
    "Choose a file to import.": "Choisissez un fichier à importer.",
    "Reading and checking the file…": "Lecture et vérification du fichier…",
    "Will import": "Sera importé",
    "Imported (Edit ▸ Undo takes it back):": "Importé (Édition ▸ Annuler le retire) :",
    "Not imported:": "Non importé :",
    # --- report export ---
    "Export the council report": "Exporter le rapport pour les élus",
    "French": "Français",
    "English": "Anglais",
    "(baseline)": "(existant)",
    "Language": "Langue",
    "Export": "Exporter",
    "Save the report as": "Enregistrer le rapport sous",
    "PDF documents (*.pdf)": "Documents PDF (*.pdf)",
    "Writing {0}…": "Écriture de {0}…",
    "Report written to {0}": "Rapport écrit dans {0}",
    "Report written to {0}, full lists in {1}": "Rapport écrit dans {0}, listes complètes dans {1}",
    "Could not write the report {0}": "Impossible d'écrire le rapport {0}",
}
FRENCH.update(
    {
        "Undo {0}": "Annuler {0}",
        "Undo": "Annuler",
        "Redo {0}": "Rétablir {0}",
        "Redo": "Rétablir",
    }
)
FRENCH["View"] = "Affichage"
FRENCH[("MainWindow", "Building")] = "Bâtiment"
FRENCH[("MainWindow", "Ground")] = "Sol"
FRENCH["Site"] = "Site"
FRENCH["Vertices"] = "Sommets"
FRENCH[("MainWindow", "New")] = "Nouveau"
FRENCH["Rename"] = "Renommer"
FRENCH["Delete"] = "Supprimer"
FRENCH["Everything the file holds"] = "Tout ce que contient le fichier"
# Compare view: export the comparison
FRENCH["Export…"] = "Exporter…"
FRENCH["Save the indicators and rule verdicts as an Excel workbook or CSV"] = (
    "Enregistrer les indicateurs et le verdict de chaque règle en classeur Excel ou en CSV"
)
FRENCH["Export the comparison"] = "Exporter la comparaison"
FRENCH["Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)"] = (
    "Classeur Excel (*.xlsx);;CSV, séparateur virgule (*.csv)"
)
FRENCH["choose a .xlsx or .csv file"] = "choisissez un fichier .xlsx ou .csv"
FRENCH["scenarios still being evaluated: %1"] = "scénarios en cours d'évaluation : %1"
FRENCH["Could not write %1: %2"] = "Impossible d'écrire %1 : %2"
# --- findings at scale (grouped by rule, filters) ---
FRENCH["%1 m² concerned"] = "%1 m² concernés"
FRENCH["Click to select and frame its buildings"] = (
    "Cliquer pour sélectionner et cadrer ses bâtiments"
)
FRENCH["Filter by building name or id"] = "Filtrer par nom ou identifiant de bâtiment"
FRENCH["Show one severity"] = "N'afficher qu'une gravité"
FRENCH["Show one rule"] = "N'afficher qu'une règle"
FRENCH["All severities"] = "Toutes gravités"
FRENCH["Errors"] = "Erreurs"
FRENCH["Warnings"] = "Avertissements"
FRENCH["Notes"] = "Notes"
FRENCH["All rules"] = "Toutes les règles"
# Financial balance (bilan promoteur, bilan d'aménagement) and its assumptions
FRENCH[
    "Amounts in euros excluding VAT per m² of floor area (SDP); demolition per m² of gross floor area, remediation per m² of footprint, de-sealing per m² of ground. Status: S sourced, M from memory of a primary text, I estimate. A use refines its family."
] = "Montants en euros HT par m² de surface de plancher (SDP) ; démolition par m² de surface brute, dépollution par m² d'emprise, désimperméabilisation par m² de sol. Statut : S sourcé, M de mémoire d'un texte primaire, I estimation. Une destination précise sa famille."
FRENCH["Refine for this use"] = "Préciser pour cette destination"
FRENCH["Remove refinement"] = "Retirer la précision"
FRENCH["Import…"] = "Importer…"
FRENCH["Financial assumptions"] = "Hypothèses financières"
FRENCH["project choice"] = "choix du projet"
FRENCH["%1 is required: change its value instead."] = (
    "%1 est obligatoire : modifiez plutôt sa valeur."
)
FRENCH["Import financial assumptions"] = "Importer des hypothèses financières"
FRENCH["%1 was not imported: %2"] = "%1 n'a pas été importé : %2"
FRENCH["Export financial assumptions"] = "Exporter les hypothèses financières"
FRENCH["TOML (*.toml)"] = "TOML (*.toml)"
FRENCH["Assumption"] = "Hypothèse"
FRENCH["Unit"] = "Unité"
FRENCH["Year"] = "Année"
FRENCH["Status"] = "Statut"
FRENCH["Source"] = "Source"
FRENCH["€/m² excl. VAT"] = "€ HT/m²"
FRENCH["rate"] = "taux"
FRENCH["a figure needs its source"] = "un chiffre a besoin de sa source"
FRENCH["%1 was not changed: %2"] = "%1 n'a pas été modifié : %2"
FRENCH["Revenue (sales)"] = "Chiffre d'affaires (ventes)"
FRENCH["Construction"] = "Construction"
FRENCH["Fees"] = "Honoraires"
FRENCH["Marketing"] = "Commercialisation"
FRENCH["Finance"] = "Frais financiers"
FRENCH["Developer's margin"] = "Marge du promoteur"
FRENCH["Charge foncière (residual land value)"] = (
    "Charge foncière (valeur résiduelle du terrain)"
)
FRENCH["Charges foncières sold"] = "Charges foncières cédées"
FRENCH["De-sealing subsidy"] = "Subvention de désimperméabilisation"
FRENCH["Acquisition of existing floor area"] = "Acquisition des surfaces existantes"
FRENCH["Relocation of firms"] = "Relogement des entreprises"
FRENCH["Demolition"] = "Démolition"
FRENCH["Remediation (former ICPE)"] = "Dépollution (anciennes ICPE)"
FRENCH["De-sealing"] = "Désimperméabilisation"
FRENCH["Charge foncière, prices and costs ±20%"] = (
    "Charge foncière, prix et coûts ± 20 %"
)
FRENCH["prices %1"] = "prix %1"
FRENCH["costs −20%, 0, +20% (light to dark); top %1"] = (
    "coûts −20 %, 0, +20 % (du clair au foncé) ; haut %1"
)
FRENCH["Developer's balance (compte à rebours)"] = "Bilan promoteur (compte à rebours)"
FRENCH["Public developer's balance (bilan d'aménagement)"] = "Bilan d'aménagement"
FRENCH["Financial assumptions…"] = "Hypothèses financières…"
FRENCH["Prices, costs and rates with their sources (one undo step per change)"] = (
    "Prix, coûts et taux avec leurs sources (une étape d'annulation par modification)"
)
FRENCH["%1 — computing…"] = "%1 — calcul en cours…"
FRENCH["%1 — no balance: %2"] = "%1 — pas de bilan : %2"
FRENCH["%1 — amounts in € excl. VAT"] = "%1 — montants en € HT"
FRENCH["The existing state: nothing built, nothing to pay."] = (
    "L'état existant : rien de construit, rien à payer."
)
FRENCH["No new floor area: costs only."] = "Aucune surface nouvelle : dépenses seules."
FRENCH["%1 m² of new floor area (SDP) sold, %2 m² of it converted."] = (
    "%1 m² de surface de plancher nouvelle vendus, dont %2 m² transformés."
)
FRENCH["Income"] = "Recettes"
FRENCH["Costs"] = "Dépenses"
FRENCH["Balance"] = "Solde"
FRENCH["Developer: revenue"] = "Promoteur : chiffre d'affaires"
FRENCH["Developer: construction"] = "Promoteur : construction"
FRENCH["Developer: charge foncière"] = "Promoteur : charge foncière"
FRENCH["Public: income"] = "Aménageur : recettes"
FRENCH["Public: costs"] = "Aménageur : dépenses"
FRENCH["Public: balance"] = "Aménageur : solde"
FRENCH["Balance (€ excl. VAT)"] = "Bilan (€ HT)"
FRENCH["Financial balance"] = "Bilan financier"
# Context layers: base maps, web maps, reference layers
FRENCH["Add context layer"] = "Ajouter une couche de contexte"
FRENCH["Remove context layer"] = "Retirer une couche de contexte"
FRENCH["Change context layer"] = "Modifier une couche de contexte"
FRENCH["Move context layer"] = "Déplacer une couche de contexte"
FRENCH["Show layer"] = "Afficher la couche"
FRENCH["Hide layer"] = "Masquer la couche"
FRENCH["Set layer opacity"] = "Modifier l'opacité de la couche"
FRENCH["Layer {0} not shown: {1}"] = "Couche {0} non affichée : {1}"
FRENCH["Base map {0}: no CRS stated, taken to be the project's"] = (
    "Fond de plan {0} : aucun système de coordonnées indiqué, celui du projet est retenu"
)
FRENCH["Map tiles unavailable: {0}"] = "Tuiles de carte indisponibles : {0}"
FRENCH[" (+{0} more)"] = " (+{0} autres)"
FRENCH["Base map…"] = "Fond de plan…"
FRENCH["A GeoTIFF, or an image with a world file"] = (
    "Un GeoTIFF, ou une image avec son fichier de géoréférencement (world file)"
)
FRENCH["Web map…"] = "Carte en ligne…"
FRENCH["Map tiles from a web service (XYZ or WMTS)"] = (
    "Tuiles d'un service cartographique en ligne (XYZ ou WMTS)"
)
FRENCH["Reference…"] = "Référence…"
FRENCH["Parcels, roads, zoning: any vector file GDAL reads"] = (
    "Parcelles, voirie, zonage : tout fichier vecteur que GDAL lit"
)
FRENCH["Opacity"] = "Opacité"
FRENCH["Add &base map…"] = "Ajouter un &fond de plan…"
FRENCH["Add &web map…"] = "Ajouter une carte en &ligne…"
FRENCH["Add &reference layer…"] = "Ajouter une couche de &référence…"
FRENCH["{0} states no CRS: it is taken to be the project's"] = (
    "{0} n'indique aucun système de coordonnées : celui du projet est retenu"
)
FRENCH["Add reference layer"] = "Ajouter une couche de référence"
FRENCH["Layer of {0}:"] = "Couche de {0} :"
FRENCH["Add base map"] = "Ajouter un fond de plan"
FRENCH["Georeferenced images ({0})"] = "Images géoréférencées ({0})"
FRENCH["Add web map"] = "Ajouter une carte en ligne"
FRENCH[
    "Tile URL with {z}, {x} and {y} (or a WMS GetMap URL with {bbox} and CRS=EPSG:3857), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png"
] = "Adresse des tuiles avec {z}, {x} et {y} (ou requête WMS GetMap avec {bbox} et CRS=EPSG:3857), par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png"
FRENCH["Vector files ({0});;All files (*)"] = (
    "Fichiers vecteur ({0});;Tous les fichiers (*)"
)
FRENCH["Layers"] = "Couches"
# User guide, "?" of the panels, first start
FRENCH["mixplan — user guide"] = "mixplan — guide d'utilisation"
FRENCH["Search the guide"] = "Rechercher dans le guide"
FRENCH["Nothing in the guide matches."] = "Rien dans le guide ne correspond."
FRENCH["Help on this panel"] = "Aide sur ce panneau"
FRENCH["Detach or dock the panel"] = "Détacher ou ancrer le panneau"
FRENCH["Close the panel"] = "Fermer le panneau"
FRENCH["User &guide"] = "&Guide d'utilisation"
FRENCH["How to use mixplan, searchable"] = "Comment utiliser mixplan, avec recherche"
FRENCH["Welcome to mixplan"] = "Bienvenue dans mixplan"
FRENCH[
    "<h3>Welcome to mixplan</h3><p>Plan the mixed-use redevelopment of a business site, and keep its productive floor area while density rises. The demo project, a fictional business park, is open behind this page.</p>"
] = "<h3>Bienvenue dans mixplan</h3><p>Programmez la mutation d'un site d'activités vers la mixité en maintenant sa surface productive pendant que la densité augmente. Le projet de démonstration, un parc d'activités fictif, est ouvert derrière cette page.</p>"
FRENCH["Explore the demo"] = "Explorer la démonstration"
FRENCH["New project from a BD TOPO extract…"] = (
    "Nouveau projet à partir d'un extrait de la BD TOPO…"
)
FRENCH["Open a project…"] = "Ouvrir un projet…"
FRENCH["Read the guide"] = "Lire le guide"
# --- Scenario ▸ Suggest… (the optimiser) ---
FRENCH["S&uggest…"] = "S&uggérer…"
FRENCH["The scenario with the most housing that passes every rule"] = (
    "Le scénario qui accueille le plus de logements en respectant toutes les règles"
)
FRENCH["Suggest a scenario"] = "Suggérer un scénario"
FRENCH["Start from"] = "Partir de"
FRENCH["New scenario"] = "Nouveau scénario"
FRENCH["Suggested"] = "Suggéré"
FRENCH["Housing floor area (SDP)"] = "Surface de logement (SDP)"
FRENCH["Total floor area (SDP)"] = "Surface de plancher totale (SDP)"
FRENCH["Maximise"] = "Maximiser"
FRENCH["Options allowed"] = "Options autorisées"
FRENCH["Add storeys of housing"] = "Ajouter des étages de logement"
FRENCH["Convert non-productive levels to housing"] = (
    "Convertir en logement les niveaux non productifs"
)
FRENCH["Fit a freight lift"] = "Installer un monte-charge"
FRENCH["Build on sealed ground and car parks"] = (
    "Construire sur les sols imperméabilisés et les parkings"
)
FRENCH["De-seal ground into open soil"] = "Désimperméabiliser en pleine terre"
FRENCH["Green roofs on new buildings"] = "Toitures végétalisées sur les bâtiments neufs"
FRENCH["Keep as they are (frozen)"] = "Conserver tels quels (figés)"
FRENCH["{0} — ground ({1})"] = "{0} — sol ({1})"
FRENCH["open soil"] = "pleine terre"
FRENCH["Trade-off"] = "Arbitrage"
FRENCH["Housing against"] = "Logement face à"
FRENCH["The explanation of the suggestion appears here."] = (
    "L'explication de la suggestion s'affiche ici."
)
FRENCH["Suggest"] = "Suggérer"
FRENCH["Give the new scenario a name."] = "Donnez un nom au nouveau scénario."
FRENCH["A scenario {0!r} already exists."] = "Un scénario {0!r} existe déjà."
FRENCH["Suggesting…"] = "Suggestion en cours…"
FRENCH["Tracing the trade-off…"] = "Calcul de l'arbitrage…"
FRENCH["Creating the scenario of this point…"] = "Création du scénario de ce point…"
FRENCH["Cancelled."] = "Annulé."
FRENCH["Suggesting: {0}"] = "Suggestion : {0}"
FRENCH["No scenario could be suggested."] = "Aucun scénario n'a pu être suggéré."
FRENCH["The project changed while the suggestion ran; run it again."] = (
    "Le projet a changé pendant la suggestion ; relancez-la."
)
FRENCH["Wrote scenario {0}."] = "Scénario {0} écrit."
FRENCH["open soil (% of the site)"] = "pleine terre (% du terrain)"
FRENCH["{0} points; click one to create that scenario."] = (
    "{0} points ; cliquez sur l'un d'eux pour créer ce scénario."
)
FRENCH["No trade-off yet"] = "Pas encore d'arbitrage"
FRENCH["{0}: {1:,.2f}\n{2}: {3:,.0f}\nClick to create this scenario"] = (
    "{0} : {1:,.2f}\n{2} : {3:,.0f}\nCliquez pour créer ce scénario"
)
FRENCH["jobs"] = "emplois"
FRENCH["Cancel"] = "Annuler"
# Typology library
FRENCH["Save typology"] = "Enregistrer la typologie"
FRENCH["Remove typology"] = "Retirer la typologie"
FRENCH["Import typologies"] = "Importer des typologies"
FRENCH["Typologies"] = "Typologies"
FRENCH["From the selected building…"] = "Depuis le bâtiment sélectionné…"
FRENCH["Copy to my library"] = "Copier dans ma bibliothèque"
FRENCH["Import…"] = "Importer…"
FRENCH["project"] = "projet"
FRENCH["my library"] = "ma bibliothèque"
FRENCH["mixplan"] = "mixplan"
FRENCH["Select the building to copy first."] = (
    "Sélectionnez d'abord le bâtiment à copier."
)
FRENCH["New typology"] = "Nouvelle typologie"
FRENCH["Name of the typology:"] = "Nom de la typologie :"
FRENCH["Export typologies"] = "Exporter les typologies"
FRENCH["Typologies (*.toml)"] = "Typologies (*.toml)"
FRENCH["&Typologies…"] = "&Typologies…"
FRENCH["The typology library: make, share and apply"] = (
    "La bibliothèque de typologies : créer, partager, appliquer"
)
# Report options
FRENCH["Set report options"] = "Modifier les options du rapport"
FRENCH["Up"] = "Monter"
FRENCH["Down"] = "Descendre"
FRENCH["Summary of the verdicts"] = "Synthèse des verdicts"
FRENCH["Pages of each scenario"] = "Pages de chaque scénario"
FRENCH["Comparison charts"] = "Graphiques de comparaison"
FRENCH["Annex: rules, sources, assumptions"] = "Annexe : règles, sources, hypothèses"
FRENCH["Buildings by name"] = "Bâtiments par leur nom"
FRENCH["Buildings by id"] = "Bâtiments par leur identifiant"
FRENCH["PNG or JPEG on the cover (optional)"] = "PNG ou JPEG en couverture (facultatif)"
FRENCH["Contents"] = "Contenu"
FRENCH["Plan labels"] = "Étiquettes des plans"
FRENCH["Logo"] = "Logo"
FRENCH["Logo for the cover"] = "Logo de la couverture"
FRENCH["Images (*.png *.jpg *.jpeg)"] = "Images (*.png *.jpg *.jpeg)"
FRENCH["Base maps under the plans"] = "Fonds de plan sous les plans"
FRENCH["Update typology"] = "Mettre à jour la typologie"
FRENCH["Update from the selected building"] = (
    "Mettre à jour depuis le bâtiment sélectionné"
)
FRENCH[
    "Edit a typology: apply it to a building, change the building in the inspector, then update the typology from it"
] = "Modifier une typologie : l'appliquer à un bâtiment, modifier ce bâtiment dans l'inspecteur, puis mettre à jour la typologie depuis lui"
# --- open and save in the background ---
FRENCH["Opening {0}…"] = "Ouverture de {0}…"
FRENCH["Saving {0}…"] = "Enregistrement de {0}…"
FRENCH["Exporting {0}…"] = "Export de {0}…"

# --- phasing dock (DESIGN §16) ---
FRENCH.update(
    {
        "Set phases": "Modifier les phases",
        "Set demolition phase": "Modifier la phase de démolition",
        "Edit phases": "Modifier les phases du projet",
        "Apply phasing": "Appliquer le phasage",
        "Edit firms": "Modifier les entreprises",
        "Edit hosted firms": "Modifier les entreprises accueillies",
        "Phasing": "Phasage",
        "Add phase": "Ajouter une phase",
        "Remove last phase": "Supprimer la dernière phase",
        "Suggest phasing…": "Proposer un phasage…",
        "Give the scenario a phasing that keeps every firm housed": "Donner au scénario un phasage qui garde chaque entreprise logée",
        "Where each firm is, phase by phase": "Où est chaque entreprise, phase par phase",
        "The existing state has no phases: choose a scenario.": "L'état existant n'a pas de phases : choisir un scénario.",
        "{0} phase(s); existing productive floor area {1} m², at least {2} m² during the works": "{0} phase(s) ; surface productive existante {1} m², au moins {2} m² pendant les travaux",
        "Not phased: add phases and drag the bars, or let mixplan suggest a phasing.": "Non phasé : ajouter des phases et faire glisser les barres, ou laisser mixplan proposer un phasage.",
        "Phase {0}": "Phase {0}",
        "no premises": "sans locaux",
        "Phase {0}: {1} moves from {2} to {3}": "Phase {0} : {1} passe de {2} à {3}",
        "No firm moves.": "Aucune entreprise ne déménage.",
        "Final plan": "Plan final",
        "As at the end of phase {0}": "À la fin de la phase {0}",
    }
)
FRENCH["House the firm in the building from the phase shown (one undo step)"] = (
    "Loger l'entreprise dans le bâtiment à partir de la phase indiquée "
    "(une seule annulation)"
)
FRENCH["from phase "] = "à partir de la phase "
FRENCH["listing the options of every building"] = (
    "recensement des options de chaque bâtiment"
)
FRENCH["solving the mixed-integer programme"] = (
    "résolution du programme en nombres entiers"
)
FRENCH["checking the result with the engine"] = (
    "vérification du résultat par le moteur de règles"
)
FRENCH["Firm in this existing building"] = "Entreprise dans ce bâtiment existant"
FRENCH[" jobs"] = " emplois"
FRENCH["Add firm"] = "Ajouter l'entreprise"
FRENCH[
    "… and %1 more (the worst %2 are listed): filter by building name or id to "
    "find the others"
] = (
    "… et %1 de plus (les %2 plus graves sont listés) : filtrer par nom ou "
    "identifiant de bâtiment pour trouver les autres"
)
FRENCH["… and %1 more"] = "… et %1 de plus"
FRENCH["Computing the phasing…"] = "Calcul du phasage…"
FRENCH["Suggesting a phasing…"] = "Recherche d'un phasage…"
FRENCH[
    "The project changed while the phasing was being suggested: suggest it again."
] = "Le projet a changé pendant la recherche du phasage : relancez-la."
