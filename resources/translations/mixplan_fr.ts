<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>AssumptionsDialog</name>
    <message>
        <source>Amounts in euros excluding VAT per m² of floor area (SDP); demolition per m² of gross floor area, remediation per m² of footprint, de-sealing per m² of ground. Status: S sourced, M from memory of a primary text, I estimate. A use refines its family.</source>
        <translation>Montants en euros HT par m² de surface de plancher (SDP) ; démolition par m² de surface brute, dépollution par m² d'emprise, désimperméabilisation par m² de sol. Statut : S sourcé, M de mémoire d'un texte primaire, I estimation. Une destination précise sa famille.</translation>
    </message>
    <message>
        <source>Refine for this use</source>
        <translation>Préciser pour cette destination</translation>
    </message>
    <message>
        <source>Remove refinement</source>
        <translation>Retirer la précision</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Financial assumptions</source>
        <translation>Hypothèses financières</translation>
    </message>
    <message>
        <source>project choice</source>
        <translation>choix du projet</translation>
    </message>
    <message>
        <source>%1 is required: change its value instead.</source>
        <translation>%1 est obligatoire : modifiez plutôt sa valeur.</translation>
    </message>
    <message>
        <source>Import financial assumptions</source>
        <translation>Importer des hypothèses financières</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 n'a pas été importé : %2</translation>
    </message>
    <message>
        <source>Export financial assumptions</source>
        <translation>Exporter les hypothèses financières</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
    <message>
        <source>TOML (*.toml)</source>
        <translation>TOML (*.toml)</translation>
    </message>
</context>
<context>
    <name>AssumptionsModel</name>
    <message>
        <source>Assumption</source>
        <translation>Hypothèse</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>€/m² excl. VAT</source>
        <translation>€ HT/m²</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>taux</translation>
    </message>
    <message>
        <source>a figure needs its source</source>
        <translation>un chiffre a besoin de sa source</translation>
    </message>
    <message>
        <source>%1 was not changed: %2</source>
        <translation>%1 n'a pas été modifié : %2</translation>
    </message>
    <message>
        <source>Financial assumptions</source>
        <translation>Hypothèses financières</translation>
    </message>
</context>
<context>
    <name>AttributeTablePanel</name>
    <message>
        <source>unknown column %1; columns: %2</source>
        <translation>colonne inconnue %1 ; colonnes : %2</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 n'est pas un nombre</translation>
    </message>
    <message>
        <source>Select by attribute: height &gt; 15, productive &gt;= 500, name ~ hall</source>
        <extracomment>the plan's selection changed while the table was hidden (shown later)</extracomment>
        <translation>Sélection attributaire : hauteur &gt; 15, productif &gt;= 500, nom ~ halle</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Sélectionner</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>Places de stationnement</translation>
    </message>
    <message>
        <source>Loading bays</source>
        <translation>Quais de livraison</translation>
    </message>
    <message>
        <source>Freight lift (kg)</source>
        <translation>Monte-charge (kg)</translation>
    </message>
    <message>
        <source>Roof (plain, green)</source>
        <translation>Toiture (simple, végétalisée)</translation>
    </message>
    <message>
        <source>Ramp (yes, no)</source>
        <translation>Rampe (oui, non)</translation>
    </message>
    <message>
        <source>Pooled (yes, no)</source>
        <translation>Mutualisé (oui, non)</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>Set for the selected</source>
        <translation>Appliquer à la sélection</translation>
    </message>
    <message>
        <source>%1 building(s) selected</source>
        <translation>%1 bâtiment(s) sélectionné(s)</translation>
    </message>
    <message>
        <source>Select buildings first.</source>
        <translation>Sélectionnez d'abord des bâtiments.</translation>
    </message>
    <message>
        <source>Edit building</source>
        <translation>Modifier le bâtiment</translation>
    </message>
    <message>
        <source>%1 building(s) changed</source>
        <translation>%1 bâtiment(s) modifié(s)</translation>
    </message>
    <message>
        <source>%1: yes or no, not %2</source>
        <translation>%1 : oui ou non, pas %2</translation>
    </message>
    <message>
        <source>%1: plain or green, not %2</source>
        <translation>%1 : simple ou végétalisée, pas %2</translation>
    </message>
    <message>
        <source>%1: a number, not %2</source>
        <translation>%1 : un nombre, pas %2</translation>
    </message>
    <message>
        <source>%1: a whole number ≥ 0, not %2</source>
        <translation>%1 : un entier ≥ 0, pas %2</translation>
    </message>
</context>
<context>
    <name>BalancePanel</name>
    <message>
        <source>Revenue (sales)</source>
        <translation>Chiffre d'affaires (ventes)</translation>
    </message>
    <message>
        <source>Construction</source>
        <translation>Construction</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>Honoraires</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Commercialisation</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>Frais financiers</translation>
    </message>
    <message>
        <source>Developer's margin</source>
        <translation>Marge du promoteur</translation>
    </message>
    <message>
        <source>Charge foncière (residual land value)</source>
        <translation>Charge foncière (valeur résiduelle du terrain)</translation>
    </message>
    <message>
        <source>Charges foncières sold</source>
        <translation>Charges foncières cédées</translation>
    </message>
    <message>
        <source>De-sealing subsidy</source>
        <translation>Subvention de désimperméabilisation</translation>
    </message>
    <message>
        <source>Acquisition of existing floor area</source>
        <translation>Acquisition des surfaces existantes</translation>
    </message>
    <message>
        <source>Relocation of firms</source>
        <translation>Relogement des entreprises</translation>
    </message>
    <message>
        <source>Demolition</source>
        <translation>Démolition</translation>
    </message>
    <message>
        <source>Remediation (former ICPE)</source>
        <translation>Dépollution (anciennes ICPE)</translation>
    </message>
    <message>
        <source>De-sealing</source>
        <translation>Désimperméabilisation</translation>
    </message>
    <message>
        <source>prices %1</source>
        <translation>prix %1</translation>
    </message>
    <message>
        <source>Charge foncière, prices and costs ±20%</source>
        <translation>Charge foncière, prix et coûts ± 20 %</translation>
    </message>
    <message>
        <source>costs −20%, 0, +20% (light to dark); top %1</source>
        <translation>coûts −20 %, 0, +20 % (du clair au foncé) ; haut %1</translation>
    </message>
    <message>
        <source>Developer's balance (compte à rebours)</source>
        <translation>Bilan promoteur (compte à rebours)</translation>
    </message>
    <message>
        <source>Public developer's balance (bilan d'aménagement)</source>
        <translation>Bilan d'aménagement</translation>
    </message>
    <message>
        <source>Financial assumptions…</source>
        <translation>Hypothèses financières…</translation>
    </message>
    <message>
        <source>Prices, costs and rates with their sources (one undo step per change)</source>
        <translation>Prix, coûts et taux avec leurs sources (une étape d'annulation par modification)</translation>
    </message>
    <message>
        <source>%1 — computing…</source>
        <translation>%1 — calcul en cours…</translation>
    </message>
    <message>
        <source>%1 — no balance: %2</source>
        <translation>%1 — pas de bilan : %2</translation>
    </message>
    <message>
        <source>%1 — amounts in € excl. VAT</source>
        <translation>%1 — montants en € HT</translation>
    </message>
    <message>
        <source>The existing state: nothing built, nothing to pay.</source>
        <translation>L'état existant : rien de construit, rien à payer.</translation>
    </message>
    <message>
        <source>No new floor area: costs only.</source>
        <translation>Aucune surface nouvelle : dépenses seules.</translation>
    </message>
    <message>
        <source>%1 m² of new floor area (SDP) sold, %2 m² of it converted.</source>
        <translation>%1 m² de surface de plancher nouvelle vendus, dont %2 m² transformés.</translation>
    </message>
    <message>
        <source>Income</source>
        <translation>Recettes</translation>
    </message>
    <message>
        <source>Costs</source>
        <translation>Dépenses</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Solde</translation>
    </message>
    <message>
        <source>Developer: revenue</source>
        <translation>Promoteur : chiffre d'affaires</translation>
    </message>
    <message>
        <source>Developer: construction</source>
        <translation>Promoteur : construction</translation>
    </message>
    <message>
        <source>Developer: charge foncière</source>
        <translation>Promoteur : charge foncière</translation>
    </message>
    <message>
        <source>Public: income</source>
        <translation>Aménageur : recettes</translation>
    </message>
    <message>
        <source>Public: costs</source>
        <translation>Aménageur : dépenses</translation>
    </message>
    <message>
        <source>Public: balance</source>
        <translation>Aménageur : solde</translation>
    </message>
    <message>
        <source>Balance (€ excl. VAT)</source>
        <translation>Bilan (€ HT)</translation>
    </message>
</context>
<context>
    <name>BuildingAttributesBox</name>
    <message>
        <source>Building</source>
        <extracomment>a refused edit with its one-line reason</extracomment>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>Vehicle ramp to upper floors</source>
        <translation>Rampe véhicules vers les étages</translation>
    </message>
    <message>
        <source>Pooled for the whole site</source>
        <translation>Mutualisé pour tout le site</translation>
    </message>
    <message>
        <source>Dwellings served by internal common parts: housing floor area (surface de plancher) is reduced by a further 10% (Code de l'urbanisme, art. R111-22, 8°). Untick for a single house.</source>
        <translation>Logements desservis par des parties communes intérieures : la surface de plancher des logements est réduite de 10 % supplémentaires (Code de l'urbanisme, art. R111-22, 8°). Décocher pour une maison individuelle.</translation>
    </message>
    <message>
        <source>Plain roof</source>
        <translation>Toiture simple</translation>
    </message>
    <message>
        <source>Green roof</source>
        <translation>Toiture végétalisée</translation>
    </message>
    <message>
        <source>Freight lift</source>
        <translation>Monte-charge</translation>
    </message>
    <message>
        <source>Ramp</source>
        <translation>Rampe</translation>
    </message>
    <message>
        <source>Loading bays</source>
        <translation>Quais de livraison</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>Places de stationnement</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>Toiture</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Mutualisé</translation>
    </message>
    <message>
        <source>Common parts</source>
        <translation>Parties communes</translation>
    </message>
    <message>
        <source>Edit building</source>
        <translation>Modifier le bâtiment</translation>
    </message>
</context>
<context>
    <name>BuildingsTableModel</name>
    <message>
        <source>Id</source>
        <extracomment>column key -&gt; is numeric; the keys are also the names a query uses building attributes the bulk edit sets, with the type of their value The French names of the query's columns (either name works in either language). Roof values typed in French. The family column of each use (read 10⁴ times by a sort: an enum's value is a property call). From this many buildings to measure, a sort by a floor area measures them off the GUI thread and sorts when they come (10,000 buildings: 0.15 s). [(building, facts, value of the sort's column)], or None if it failed the column sorted by: its values are taken here too the ids in the rows' order (the scenario's, or the sort's) the ids in the scenario's order row of each id: a group of findings selects thousands of buildings, and list.index for each took a second at 10,000 buildings (column, order) the rows are sorted by, and each id's sort key whether the rows are sorted now (a hidden table's rows stay in the scenario's order until it shows: sorting by a floor area measures every building, 0.1-0.3 s at each scenario switch or new scenario) whether buildings are being measured off the GUI thread for a sort; one measuring at a time, in a pool made before its signals so that, deleted first, it waits for its job</extracomment>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Uses (ground floor)</source>
        <translation>Usages (rez-de-chaussée)</translation>
    </message>
    <message>
        <source>Storeys</source>
        <translation>Niveaux</translation>
    </message>
    <message>
        <source>Height (m)</source>
        <translation>Hauteur (m)</translation>
    </message>
    <message>
        <source>Housing SDP (m²)</source>
        <translation>SDP logement (m²)</translation>
    </message>
    <message>
        <source>Productive SDP (m²)</source>
        <translation>SDP productive (m²)</translation>
    </message>
    <message>
        <source>Tertiary SDP (m²)</source>
        <translation>SDP tertiaire (m²)</translation>
    </message>
    <message>
        <source>Shared SDP (m²)</source>
        <translation>SDP mutualisée (m²)</translation>
    </message>
    <message>
        <source>Productive-grade (m²)</source>
        <translation>Productif conforme (m²)</translation>
    </message>
    <message>
        <source>%1 (sorting…)</source>
        <translation>%1 (tri en cours…)</translation>
    </message>
    <message>
        <source>In a query: %1</source>
        <translation>Dans une requête : %1</translation>
    </message>
    <message>
        <source>Rename building</source>
        <translation>Renommer le bâtiment</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Add building</source>
        <extracomment>The model's command labels, listed for pyside6-lupdate: the Edit menu shows them ("Undo Add building") in the user's language.</extracomment>
        <translation>Ajouter un bâtiment</translation>
    </message>
    <message>
        <source>Add ground cover</source>
        <translation>Ajouter un revêtement de sol</translation>
    </message>
    <message>
        <source>Add level</source>
        <translation>Ajouter un niveau</translation>
    </message>
    <message>
        <source>Delete scenario</source>
        <translation>Supprimer le scénario</translation>
    </message>
    <message>
        <source>Duplicate level</source>
        <translation>Dupliquer le niveau</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Modifier</translation>
    </message>
    <message>
        <source>Edit building</source>
        <translation>Modifier le bâtiment</translation>
    </message>
    <message>
        <source>Edit level</source>
        <translation>Modifier le niveau</translation>
    </message>
    <message>
        <source>Move level</source>
        <translation>Déplacer le niveau</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Nouveau scénario</translation>
    </message>
    <message>
        <source>Remove building</source>
        <translation>Supprimer le bâtiment</translation>
    </message>
    <message>
        <source>Remove ground cover</source>
        <translation>Supprimer le revêtement de sol</translation>
    </message>
    <message>
        <source>Restore building</source>
        <translation>Rétablir le bâtiment</translation>
    </message>
    <message>
        <source>Restore ground cover</source>
        <translation>Rétablir le revêtement de sol</translation>
    </message>
    <message>
        <source>Take the existing version</source>
        <translation>Reprendre la version existante</translation>
    </message>
    <message>
        <source>Remove level</source>
        <translation>Supprimer le niveau</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Renommer le scénario</translation>
    </message>
    <message>
        <source>Set access</source>
        <translation>Modifier l'accès</translation>
    </message>
    <message>
        <source>Set design load</source>
        <translation>Modifier la charge d'exploitation</translation>
    </message>
    <message>
        <source>Set footprint</source>
        <translation>Modifier l'emprise</translation>
    </message>
    <message>
        <source>Set ground cover</source>
        <translation>Modifier le revêtement de sol</translation>
    </message>
    <message>
        <source>Set car spaces</source>
        <translation>Modifier le nombre de places</translation>
    </message>
    <message>
        <source>Set level height</source>
        <translation>Modifier la hauteur d'étage</translation>
    </message>
    <message>
        <source>Set level uses</source>
        <translation>Modifier les usages du niveau</translation>
    </message>
    <message>
        <source>Set rule parameter</source>
        <translation>Modifier un paramètre de règle</translation>
    </message>
    <message>
        <source>Set site boundary</source>
        <translation>Modifier le périmètre du site</translation>
    </message>
    <message>
        <source>Add context layer</source>
        <translation>Ajouter une couche de contexte</translation>
    </message>
    <message>
        <source>Remove context layer</source>
        <translation>Retirer une couche de contexte</translation>
    </message>
    <message>
        <source>Change context layer</source>
        <translation>Modifier une couche de contexte</translation>
    </message>
    <message>
        <source>Move context layer</source>
        <translation>Déplacer une couche de contexte</translation>
    </message>
    <message>
        <source>Show layer</source>
        <translation>Afficher la couche</translation>
    </message>
    <message>
        <source>Hide layer</source>
        <translation>Masquer la couche</translation>
    </message>
    <message>
        <source>Set layer opacity</source>
        <translation>Modifier l'opacité de la couche</translation>
    </message>
    <message>
        <source>Save typology</source>
        <translation>Enregistrer la typologie</translation>
    </message>
    <message>
        <source>Remove typology</source>
        <translation>Retirer la typologie</translation>
    </message>
    <message>
        <source>Import typologies</source>
        <translation>Importer des typologies</translation>
    </message>
    <message>
        <source>Set report options</source>
        <translation>Modifier les options du rapport</translation>
    </message>
    <message>
        <source>Update typology</source>
        <translation>Mettre à jour la typologie</translation>
    </message>
    <message>
        <source>Set phases</source>
        <translation>Modifier les phases</translation>
    </message>
    <message>
        <source>Set demolition phase</source>
        <translation>Modifier la phase de démolition</translation>
    </message>
    <message>
        <source>Edit phases</source>
        <translation>Modifier les phases du projet</translation>
    </message>
    <message>
        <source>Apply phasing</source>
        <translation>Appliquer le phasage</translation>
    </message>
    <message>
        <source>Edit firms</source>
        <translation>Modifier les entreprises</translation>
    </message>
    <message>
        <source>Edit hosted firms</source>
        <translation>Modifier les entreprises accueillies</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>Save the indicators and rule verdicts as an Excel workbook or CSV</source>
        <translation>Enregistrer les indicateurs et le verdict de chaque règle en classeur Excel ou en CSV</translation>
    </message>
    <message>
        <source>Compare scenarios</source>
        <translation>Comparer les scénarios</translation>
    </message>
    <message>
        <source>Change from the baseline in brackets; a rule fails on an error. Double-click a scenario to show it.</source>
        <translation>Écart à l'existant entre parenthèses ; une règle échoue sur une erreur. Double-cliquer un scénario pour l'afficher.</translation>
    </message>
    <message>
        <source>Export the comparison</source>
        <translation>Exporter la comparaison</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, comma-separated (*.csv)</source>
        <translation>Classeur Excel (*.xlsx);;CSV, séparateur virgule (*.csv)</translation>
    </message>
    <message>
        <source>choose a .xlsx or .csv file</source>
        <translation>choisissez un fichier .xlsx ou .csv</translation>
    </message>
    <message>
        <source>scenarios still being evaluated: %1</source>
        <translation>scénarios en cours d'évaluation : %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d'écrire %1 : %2</translation>
    </message>
</context>
<context>
    <name>CompareTableModel</name>
    <message>
        <source>Indicator or rule</source>
        <translation>Indicateur ou règle</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (existant)</translation>
    </message>
    <message>
        <source>✓ pass</source>
        <translation>✓ respectée</translation>
    </message>
    <message>
        <source>✗ fail (%1)</source>
        <translation>✗ non respectée (%1)</translation>
    </message>
    <message>
        <source>! warning (%1)</source>
        <translation>! avertissement (%1)</translation>
    </message>
</context>
<context>
    <name>ContextLayers</name>
    <message>
        <source>Layer {0} not shown: {1}</source>
        <extracomment>Images and tiles sit below everything of the project (the site fill is at 0); reference layers are outlines, drawn over the ground covers, under buildings. one line for the status bar (a layer that cannot be shown, tiles offline…) a layer finished loading (or failed): for tests and the Layers panel</extracomment>
        <translation>Couche {0} non affichée : {1}</translation>
    </message>
    <message>
        <source>Base map {0}: no CRS stated, taken to be the project's</source>
        <translation>Fond de plan {0} : aucun système de coordonnées indiqué, celui du projet est retenu</translation>
    </message>
    <message>
        <source>Map tiles unavailable: {0}</source>
        <translation>Tuiles de carte indisponibles : {0}</translation>
    </message>
    <message>
        <source> (+{0} more)</source>
        <translation> (+{0} autres)</translation>
    </message>
</context>
<context>
    <name>CoverPanel</name>
    <message>
        <source>Take the existing version</source>
        <extracomment>a refused edit with its one-line reason (for the status bar)</extracomment>
        <translation>Reprendre la version existante</translation>
    </message>
    <message>
        <source>Replace this ground cover by the existing state's current version (one undo step)</source>
        <translation>Remplacer ce revêtement de sol par la version actuelle de l'état existant (une seule annulation)</translation>
    </message>
    <message>
        <source>The surface type is set in the toolbar; Edit ▸ Delete removes the cover and Edit ▸ Restore a removed ground cover… brings back one of the existing state.</source>
        <translation>Le type de surface se règle dans la barre d'outils ; Édition ▸ Supprimer retire le revêtement et Édition ▸ Rétablir un revêtement de sol supprimé… en ramène un de l'existant.</translation>
    </message>
    <message>
        <source>Ground cover %1: %2, %3 m²</source>
        <translation>Revêtement de sol %1 : %2, %3 m²</translation>
    </message>
    <message>
        <source>Existing cover</source>
        <translation>Revêtement existant</translation>
    </message>
    <message>
        <source>Kept as existing</source>
        <translation>Conservé en l'état</translation>
    </message>
    <message>
        <source>Changed from the existing state</source>
        <translation>Modifié par rapport à l'existant</translation>
    </message>
    <message>
        <source>New cover</source>
        <translation>Revêtement neuf</translation>
    </message>
    <message>
        <source>The existing state was edited after this change (U02)</source>
        <translation>L'état existant a été modifié après ce changement (U02)</translation>
    </message>
</context>
<context>
    <name>Covers</name>
    <message>
        <source>Open soil (pleine terre)</source>
        <translation>Pleine terre plantée</translation>
    </message>
    <message>
        <source>Lawn (pleine terre, artificialised)</source>
        <translation>Pelouse (pleine terre, artificialisée)</translation>
    </message>
    <message>
        <source>Semi-open ground</source>
        <translation>Sol semi-ouvert</translation>
    </message>
    <message>
        <source>Permeable paving</source>
        <translation>Revêtement perméable</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>Imperméabilisé</translation>
    </message>
    <message>
        <source>Surface car park</source>
        <translation>Parc de stationnement en surface</translation>
    </message>
    <message>
        <source>Yard</source>
        <translation>Cour</translation>
    </message>
    <message>
        <source>Green on slab</source>
        <translation>Végétalisé sur dalle</translation>
    </message>
</context>
<context>
    <name>DrawPolygonTool</name>
    <message>
        <source>Click to add vertices; double-click or Enter closes, Backspace removes the last, Esc cancels</source>
        <translation>Cliquer pour ajouter des sommets ; double-clic ou Entrée pour fermer, Retour arrière retire le dernier, Échap annule</translation>
    </message>
    <message>
        <source>Drawing cancelled</source>
        <translation>Dessin annulé</translation>
    </message>
    <message>
        <source>Length {0:.2f} m · perimeter {1:.2f} m · area {2:.1f} m²</source>
        <translation>Longueur {0:.2f} m · périmètre {1:.2f} m · surface {2:.1f} m²</translation>
    </message>
    <message>
        <source>A polygon needs at least three vertices</source>
        <translation>Un polygone a au moins trois sommets</translation>
    </message>
    <message>
        <source>The outline crosses itself; move or remove a vertex (Backspace)</source>
        <translation>Le contour se recoupe ; déplacez ou retirez un sommet (Retour arrière)</translation>
    </message>
</context>
<context>
    <name>EditOperations</name>
    <message>
        <source>Delete building</source>
        <extracomment>How far a duplicate is offset from its original (metres east and south), so that it is visible and can be dragged into place.</extracomment>
        <translation>Supprimer le bâtiment</translation>
    </message>
    <message>
        <source>Delete %n buildings</source>
        <translation>Supprimer %n bâtiments</translation>
    </message>
    <message>
        <source>This scenario removes no building of the existing state</source>
        <translation>Ce scénario ne supprime aucun bâtiment existant</translation>
    </message>
    <message>
        <source>Restore a removed building</source>
        <translation>Rétablir un bâtiment supprimé</translation>
    </message>
    <message>
        <source>Building of the existing state to keep again:</source>
        <translation>Bâtiment existant à conserver de nouveau :</translation>
    </message>
    <message>
        <source>This scenario removes no ground cover of the existing state</source>
        <translation>Ce scénario ne supprime aucun revêtement de sol existant</translation>
    </message>
    <message>
        <source>Restore a removed ground cover</source>
        <translation>Rétablir un revêtement de sol supprimé</translation>
    </message>
    <message>
        <source>Ground cover of the existing state to keep again:</source>
        <translation>Revêtement de sol existant à conserver de nouveau :</translation>
    </message>
    <message>
        <source>Delete ground cover</source>
        <translation>Supprimer le revêtement de sol</translation>
    </message>
    <message>
        <source>Delete %n ground covers</source>
        <translation>Supprimer %n revêtements de sol</translation>
    </message>
    <message>
        <source>{0} (copy)</source>
        <translation>{0} (copie)</translation>
    </message>
    <message>
        <source>Duplicate buildings</source>
        <translation>Dupliquer les bâtiments</translation>
    </message>
    <message>
        <source>{0} copy</source>
        <translation>{0} copie</translation>
    </message>
    <message>
        <source>Duplicate scenario</source>
        <translation>Dupliquer le scénario</translation>
    </message>
    <message>
        <source>Scenario {0}</source>
        <translation>Scénario {0}</translation>
    </message>
    <message>
        <source>New scenario from the baseline</source>
        <translation>Nouveau scénario à partir de l'existant</translation>
    </message>
    <message>
        <source>Name of the new scenario:</source>
        <translation>Nom du nouveau scénario :</translation>
    </message>
    <message>
        <source>Rename scenario</source>
        <translation>Renommer le scénario</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <source>The baseline scenario cannot be deleted.</source>
        <translation>Le scénario existant ne peut pas être supprimé.</translation>
    </message>
    <message>
        <source>Delete the scenario “{0}”? (Undo brings it back.)</source>
        <translation>Supprimer le scénario « {0} » ? (Annuler le rétablit.)</translation>
    </message>
    <message>
        <source>About mixplan</source>
        <translation>À propos de mixplan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;mixplan {0}&lt;/h3&gt;&lt;p&gt;Plan the mixed-use redevelopment of business sites: keep the productive floor area while density rises.&lt;/p&gt;&lt;p&gt;Rules and their sources: Help › Rule sources.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;mixplan {0}&lt;/h3&gt;&lt;p&gt;Planifier la mutation mixte des zones d'activités : garder la surface productive tout en densifiant.&lt;/p&gt;&lt;p&gt;Les règles et leurs sources : Aide › Sources des règles.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Rule sources</source>
        <translation>Sources des règles</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Something went wrong; your project is still open and unchanged.</source>
        <translation>Un problème est survenu ; votre projet est toujours ouvert et inchangé.</translation>
    </message>
    <message>
        <source>The details were written to {0}</source>
        <translation>Les détails sont dans {0}</translation>
    </message>
</context>
<context>
    <name>FileOperations</name>
    <message>
        <source>Save the changes to {0}?</source>
        <extracomment>The window's attributes holding its file jobs: an open or a save, an export.</extracomment>
        <translation>Enregistrer les modifications de {0} ?</translation>
    </message>
    <message>
        <source>Open a project</source>
        <translation>Ouvrir un projet</translation>
    </message>
    <message>
        <source>mixplan projects and GeoPackages (*.gpkg);;All files (*)</source>
        <translation>Projets mixplan et GeoPackages (*.gpkg);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save the project as</source>
        <translation>Enregistrer le projet sous</translation>
    </message>
    <message>
        <source>mixplan projects (*.mixplan.gpkg)</source>
        <translation>Projets mixplan (*.mixplan.gpkg)</translation>
    </message>
    <message>
        <source>never saved</source>
        <translation>jamais enregistré</translation>
    </message>
    <message>
        <source>Recover unsaved work</source>
        <translation>Récupérer le travail non enregistré</translation>
    </message>
    <message>
        <source>A save of the project “{0}” was stopped at {1} before it could replace the file. Recover the version it had written?</source>
        <translation>Un enregistrement du projet « {0} » a été interrompu à {1} avant de remplacer le fichier. Récupérer la version qu'il avait écrite ?</translation>
    </message>
    <message>
        <source>mixplan did not close normally. Recover the project “{0}” as autosaved at {1}?</source>
        <translation>mixplan ne s'est pas fermé normalement. Récupérer le projet « {0} » enregistré automatiquement à {1} ?</translation>
    </message>
    <message>
        <source>Original file: {0}</source>
        <translation>Fichier d'origine : {0}</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>Récupérer</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
    <message>
        <source>{0} is a GeoPackage but not a mixplan project. Import its layers into the open project?</source>
        <translation>{0} est un GeoPackage mais pas un projet mixplan. Importer ses couches dans le projet ouvert ?</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sans titre</translation>
    </message>
    <message>
        <source>Opening {0}…</source>
        <translation>Ouverture de {0}…</translation>
    </message>
    <message>
        <source>Could not open {0}</source>
        <translation>Impossible d'ouvrir {0}</translation>
    </message>
    <message>
        <source>{0} was not opened: the open project was kept</source>
        <translation>{0} n'a pas été ouvert : le projet en cours a été conservé</translation>
    </message>
    <message>
        <source>Opened {0}</source>
        <translation>{0} ouvert</translation>
    </message>
    <message>
        <source>This project was being saved when a program stopped; it opened from a recovered copy — save to keep it.</source>
        <translation>Ce projet était en cours d'enregistrement quand un programme s'est arrêté ; il a été ouvert depuis une copie récupérée — enregistrez-le pour la conserver.</translation>
    </message>
    <message>
        <source>The journal beside this project ({0}) is not its own: it was left alone and the project read as it is.</source>
        <translation>Le journal à côté de ce projet ({0}) n'est pas le sien : il a été laissé tel quel et le projet lu en l'état.</translation>
    </message>
    <message>
        <source>Newer version found</source>
        <translation>Version plus récente trouvée</translation>
    </message>
    <message>
        <source>A save of this project was stopped at {0} after writing a newer version, before it could replace the file. Open the newer version?</source>
        <translation>Un enregistrement de ce projet a été interrompu à {0} après avoir écrit une version plus récente, avant de remplacer le fichier. Ouvrir la version plus récente ?</translation>
    </message>
    <message>
        <source>The version you do not choose is kept: the saved file stays as it is until you save; the newer version stays in the recovery folder.</source>
        <translation>La version que vous ne choisissez pas est conservée : le fichier enregistré reste tel quel jusqu'au prochain enregistrement ; la version plus récente reste dans le dossier de récupération.</translation>
    </message>
    <message>
        <source>Open the newer version</source>
        <translation>Ouvrir la version plus récente</translation>
    </message>
    <message>
        <source>Keep the saved file</source>
        <translation>Garder le fichier enregistré</translation>
    </message>
    <message>
        <source>The newer version is kept as {0}</source>
        <translation>La version plus récente est conservée sous {0}</translation>
    </message>
    <message>
        <source>Saving {0}…</source>
        <translation>Enregistrement de {0}…</translation>
    </message>
    <message>
        <source>Could not save {0}</source>
        <translation>Impossible d'enregistrer {0}</translation>
    </message>
    <message>
        <source>Saved {0}</source>
        <translation>{0} enregistré</translation>
    </message>
    <message>
        <source>Could not recover {0}</source>
        <translation>Impossible de récupérer {0}</translation>
    </message>
    <message>
        <source>Recovered unsaved work</source>
        <translation>Travail non enregistré récupéré</translation>
    </message>
    <message>
        <source>Export the scenario</source>
        <translation>Exporter le scénario</translation>
    </message>
    <message>
        <source>{0} is exported once the export under way is written</source>
        <translation>{0} sera exporté dès que l'export en cours sera écrit</translation>
    </message>
    <message>
        <source>Exporting {0}…</source>
        <translation>Export de {0}…</translation>
    </message>
    <message>
        <source>Could not export to {0}</source>
        <translation>Impossible d'exporter vers {0}</translation>
    </message>
    <message>
        <source>Exported {0}</source>
        <translation>{0} exporté</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message numerus="yes">
        <source>%n error(s)</source>
        <extracomment>The Finding of a child row, the FindingGroup of a group row. The building ids a row is about. Findings listed under an expanded group, the worst first; a last row says how many more there are. A tree lays out every child of an expanded row: a group of 28,000 findings (a varied 10,000-building park) took 230 ms of CPU to expand, and again after every edit while it stayed expanded. positions of the findings about each building (None: made when a building filter first needs them) groups shown, with the positions (in ``findings``) shown in each and the floor area they concern</extracomment>
        <translation><numerusform>%Ln erreur</numerusform><numerusform>%Ln erreurs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%Ln avertissement</numerusform><numerusform>%Ln avertissements</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%Ln note</numerusform><numerusform>%Ln notes</numerusform></translation>
    </message>
    <message>
        <source>%1 m² concerned</source>
        <translation>%1 m² concernés</translation>
    </message>
    <message>
        <source>… and %1 more (the worst %2 are listed): filter by building name or id to find the others</source>
        <translation>… et %1 de plus (les %2 plus graves sont listés) : filtrer par nom ou identifiant de bâtiment pour trouver les autres</translation>
    </message>
    <message>
        <source>measured %1</source>
        <translation>mesuré %1</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>limite %1</translation>
    </message>
    <message>
        <source>source: %1</source>
        <translation>source : %1</translation>
    </message>
    <message>
        <source>Click to select and frame its buildings</source>
        <translation>Cliquer pour sélectionner et cadrer ses bâtiments</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… et %1 de plus</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Filter by building name or id</source>
        <extracomment>building ids the view should frame, a list (the window connects it to the site view) a finding about one storey: (building id, level position), for the inspector groups a narrowing filter expanded (not the user): collapsed again when the filter goes, else thousands of rows stay laid out and are laid out again after every edit</extracomment>
        <translation>Filtrer par nom ou identifiant de bâtiment</translation>
    </message>
    <message>
        <source>Show one severity</source>
        <translation>N'afficher qu'une gravité</translation>
    </message>
    <message>
        <source>Show one rule</source>
        <translation>N'afficher qu'une règle</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Toutes gravités</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Erreurs</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Avertissements</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>Toutes les règles</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>Évaluation…</translation>
    </message>
    <message>
        <source>No findings: every rule passes.</source>
        <translation>Aucun constat : toutes les règles sont respectées.</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%Ln erreur</numerusform><numerusform>%Ln erreurs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n warning(s)</source>
        <translation><numerusform>%Ln avertissement</numerusform><numerusform>%Ln avertissements</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n note(s)</source>
        <translation><numerusform>%Ln note</numerusform><numerusform>%Ln notes</numerusform></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>mixplan — user guide</source>
        <extracomment>(anchor, title, folded plain text) of each section</extracomment>
        <translation>mixplan — guide d'utilisation</translation>
    </message>
    <message>
        <source>Search the guide</source>
        <translation>Rechercher dans le guide</translation>
    </message>
    <message>
        <source>Nothing in the guide matches.</source>
        <translation>Rien dans le guide ne correspond.</translation>
    </message>
    <message>
        <source>Help on this panel</source>
        <translation>Aide sur ce panneau</translation>
    </message>
    <message>
        <source>Detach or dock the panel</source>
        <translation>Détacher ou ancrer le panneau</translation>
    </message>
    <message>
        <source>Close the panel</source>
        <translation>Fermer le panneau</translation>
    </message>
    <message>
        <source>Welcome to mixplan</source>
        <translation>Bienvenue dans mixplan</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Welcome to mixplan&lt;/h3&gt;&lt;p&gt;Plan the mixed-use redevelopment of a business site, and keep its productive floor area while density rises. The demo project, a fictional business park, is open behind this page.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Bienvenue dans mixplan&lt;/h3&gt;&lt;p&gt;Programmez la mutation d'un site d'activités vers la mixité en maintenant sa surface productive pendant que la densité augmente. Le projet de démonstration, un parc d'activités fictif, est ouvert derrière cette page.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Explore the demo</source>
        <translation>Explorer la démonstration</translation>
    </message>
    <message>
        <source>New project from a BD TOPO extract…</source>
        <translation>Nouveau projet à partir d'un extrait de la BD TOPO…</translation>
    </message>
    <message>
        <source>Open a project…</source>
        <translation>Ouvrir un projet…</translation>
    </message>
    <message>
        <source>Read the guide</source>
        <translation>Lire le guide</translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;ouverture&gt;</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import GIS, CAD or GeoJSON data</source>
        <extracomment>emitted with the ImportReport once the import is on the undo stack</extracomment>
        <translation>Importer des données SIG, DAO ou GeoJSON</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>Bâtiments</translation>
    </message>
    <message>
        <source>Site boundary</source>
        <translation>Périmètre du site</translation>
    </message>
    <message>
        <source>Ground cover</source>
        <translation>Revêtement de sol</translation>
    </message>
    <message>
        <source>Everything the file holds</source>
        <translation>Tout ce que contient le fichier</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatique</translation>
    </message>
    <message>
        <source>BD TOPO (IGN)</source>
        <translation>BD TOPO (IGN)</translation>
    </message>
    <message>
        <source>Fields below</source>
        <translation>Champs ci-dessous</translation>
    </message>
    <message>
        <source>from the file, e.g. EPSG:4326</source>
        <translation>celui du fichier, par ex. EPSG:4326</translation>
    </message>
    <message>
        <source>Keep only what lies in the site</source>
        <translation>Ne garder que ce qui est dans le site</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importer comme</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Into scenario</source>
        <translation>Dans le scénario</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>CRS</source>
        <translation>SCR</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <source>Add to filter</source>
        <translation>Ajouter au filtre</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(non affecté)</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Champs</translation>
    </message>
    <message>
        <source>Height (m)</source>
        <translation>Hauteur (m)</translation>
    </message>
    <message>
        <source>Number of levels</source>
        <translation>Nombre de niveaux</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Use map</source>
        <translation>Correspondance des usages</translation>
    </message>
    <message>
        <source>Default use</source>
        <translation>Usage par défaut</translation>
    </message>
    <message>
        <source>X,Y (default: the site's centre)</source>
        <translation>X,Y (par défaut : le centre du site)</translation>
    </message>
    <message>
        <source>CAD plan</source>
        <translation>Plan DAO</translation>
    </message>
    <message>
        <source>DXF layer</source>
        <translation>Calque DXF</translation>
    </message>
    <message>
        <source>Closed outlines</source>
        <translation>Contours fermés</translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation>Devient</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>Rotation</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Aperçu</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importer</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>CAD plan (DXF); closed outlines by layer: </source>
        <translation>Plan DAO (DXF) ; contours fermés par calque : </translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>mixplan GeoJSON</source>
        <translation>GeoJSON mixplan</translation>
    </message>
    <message numerus="yes">
        <source>GIS data, %n layer(s)</source>
        <translation><numerusform>Données SIG, %Ln couche</numerusform><numerusform>Données SIG, %Ln couches</numerusform></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(non importé)</translation>
    </message>
    <message>
        <source>Outline (unassigned floor area)</source>
        <translation>Contour (surface non affectée)</translation>
    </message>
    <message>
        <source>Choose a file to import.</source>
        <translation>Choisissez un fichier à importer.</translation>
    </message>
    <message>
        <source>Reading and checking the file…</source>
        <translation>Lecture et vérification du fichier…</translation>
    </message>
    <message>
        <source>Will import</source>
        <translation>Sera importé</translation>
    </message>
    <message>
        <source>Imported (Edit ▸ Undo takes it back):</source>
        <translation>Importé (Édition ▸ Annuler le retire) :</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>Non importé :</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <source>Floor area (SDP)</source>
        <extracomment>+1 when a rise is good (productive area), -1 when a fall is (artificialised) The key indicators, in the order the dock and the compare view show them.</extracomment>
        <translation>Surface de plancher (SDP)</translation>
    </message>
    <message>
        <source>Productive floor area</source>
        <translation>Surface productive</translation>
    </message>
    <message>
        <source>Productive retention</source>
        <translation>Maintien du productif</translation>
    </message>
    <message>
        <source>Floor area ratio</source>
        <translation>Coefficient d'occupation (densité)</translation>
    </message>
    <message>
        <source>Site coverage</source>
        <translation>Emprise au sol</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>Logements</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Emplois</translation>
    </message>
    <message>
        <source>Open soil</source>
        <translation>Pleine terre</translation>
    </message>
    <message>
        <source>Biotope coefficient (CBS)</source>
        <translation>Coefficient de biotope (CBS)</translation>
    </message>
    <message>
        <source>Net new artificialised land</source>
        <translation>Artificialisation nette nouvelle</translation>
    </message>
    <message>
        <source>Maximum height</source>
        <translation>Hauteur maximale</translation>
    </message>
    <message>
        <source>Loading bays</source>
        <translation>Quais de livraison</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>Places de stationnement</translation>
    </message>
    <message>
        <source>Surface de plancher: gross floor area × use share × SDP factor (R111-22)</source>
        <translation>Surface de plancher : surface brute × part de l'usage × coefficient SDP (R111-22)</translation>
    </message>
    <message>
        <source>Productive floor area that is productive-grade (C13)</source>
        <translation>Surface productive réellement apte à l'activité (C13)</translation>
    </message>
    <message>
        <source>Productive floor area ÷ the baseline's (C09)</source>
        <translation>Surface productive ÷ celle de l'existant (C09)</translation>
    </message>
    <message>
        <source>Floor area ratio: SDP ÷ site area</source>
        <translation>Densité : SDP ÷ surface du site</translation>
    </message>
    <message>
        <source>Footprints ÷ site area (C02)</source>
        <translation>Emprises ÷ surface du site (C02)</translation>
    </message>
    <message>
        <source>Housing SDP ÷ floor area per dwelling</source>
        <translation>SDP de logement ÷ surface par logement</translation>
    </message>
    <message>
        <source>Floor area of each use ÷ its floor area per job</source>
        <translation>Surface de chaque usage ÷ sa surface par emploi</translation>
    </message>
    <message>
        <source>Open soil (pleine terre) ÷ site area (C06)</source>
        <translation>Pleine terre ÷ surface du site (C06)</translation>
    </message>
    <message>
        <source>Biotope coefficient: weighted surfaces ÷ site area (C07)</source>
        <translation>Coefficient de biotope : surfaces pondérées ÷ surface du site (C07)</translation>
    </message>
    <message>
        <source>Land artificialised since the baseline, net (C08)</source>
        <translation>Sols artificialisés depuis l'existant, en net (C08)</translation>
    </message>
    <message>
        <source>Tallest building above ground (C03)</source>
        <translation>Bâtiment le plus haut hors sol (C03)</translation>
    </message>
    <message>
        <source>Loading bays on the site (C20)</source>
        <translation>Quais de livraison sur le site (C20)</translation>
    </message>
    <message>
        <source>Parking spaces on the site (C19)</source>
        <translation>Places de stationnement sur le site (C19)</translation>
    </message>
    <message>
        <source>Housing</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Productive</source>
        <translation>Productif</translation>
    </message>
    <message>
        <source>Tertiary</source>
        <translation>Tertiaire</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Mutualisé</translation>
    </message>
    <message>
        <source>Floor area by family (m², pale: baseline)</source>
        <translation>Surface par famille (m², pâle : existant)</translation>
    </message>
    <message>
        <source>%1 — evaluating…</source>
        <translation>%1 — évaluation…</translation>
    </message>
    <message>
        <source>%1 (baseline)</source>
        <translation>%1 (existant)</translation>
    </message>
    <message>
        <source>%1 compared with %2</source>
        <translation>%1 comparé à %2</translation>
    </message>
</context>
<context>
    <name>IndicatorsTableModel</name>
    <message>
        <source>Indicator</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>vs baseline</source>
        <translation>vs existant</translation>
    </message>
</context>
<context>
    <name>InspectorPanel</name>
    <message>
        <source>Select a building to see and edit its levels.</source>
        <extracomment>a refused edit with its one-line reason (for the status bar)</extracomment>
        <translation>Sélectionnez un bâtiment pour voir et modifier ses niveaux.</translation>
    </message>
    <message>
        <source>Building name</source>
        <translation>Nom du bâtiment</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <source>Add an unassigned level above the selected one</source>
        <translation>Ajouter un niveau non affecté au-dessus du niveau sélectionné</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Copy the selected level just above it</source>
        <translation>Copier le niveau sélectionné juste au-dessus</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove the selected level</source>
        <translation>Retirer le niveau sélectionné</translation>
    </message>
    <message>
        <source>Move the selected level up one storey</source>
        <translation>Monter le niveau sélectionné d'un étage</translation>
    </message>
    <message>
        <source>Move the selected level down one storey</source>
        <translation>Descendre le niveau sélectionné d'un étage</translation>
    </message>
    <message>
        <source>Uses of the selected level</source>
        <translation>Usages du niveau sélectionné</translation>
    </message>
    <message>
        <source>Take the existing version</source>
        <translation>Reprendre la version existante</translation>
    </message>
    <message>
        <source>Replace this building by the existing state's current version (one undo step)</source>
        <translation>Remplacer ce bâtiment par la version actuelle de l'état existant (une seule annulation)</translation>
    </message>
    <message>
        <source>Add use</source>
        <translation>Ajouter un usage</translation>
    </message>
    <message>
        <source>Remove use</source>
        <translation>Retirer l'usage</translation>
    </message>
    <message>
        <source>Select one building to rename it</source>
        <translation>Sélectionnez un seul bâtiment pour le renommer</translation>
    </message>
    <message>
        <source>Existing building</source>
        <translation>Bâtiment existant</translation>
    </message>
    <message>
        <source>New building</source>
        <translation>Bâtiment neuf</translation>
    </message>
    <message>
        <source>Kept as existing</source>
        <translation>Conservé en l'état</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Surélevé</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Reconverti</translation>
    </message>
    <message>
        <source>Raised and converted</source>
        <translation>Surélevé et reconverti</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <source>%1 (from %2)</source>
        <translation>%1 (issu de %2)</translation>
    </message>
    <message>
        <source>%1 — %2 selected: edits go to all of them</source>
        <translation>%1 — %2 sélectionnés : les modifications s'appliquent à tous</translation>
    </message>
    <message>
        <source>The existing state was edited after this change (U02)</source>
        <translation>L'état existant a été modifié après ce changement (U02)</translation>
    </message>
    <message>
        <source>%1 · %2 m · %3 m² floor area</source>
        <translation>%1 · %2 m · %3 m² de surface de plancher</translation>
    </message>
    <message>
        <source>Add level</source>
        <translation>Ajouter un niveau</translation>
    </message>
    <message>
        <source>Duplicate level</source>
        <translation>Dupliquer le niveau</translation>
    </message>
    <message>
        <source>Remove level</source>
        <translation>Supprimer le niveau</translation>
    </message>
    <message>
        <source>Move level</source>
        <translation>Déplacer le niveau</translation>
    </message>
    <message>
        <source>Rename building</source>
        <translation>Renommer le bâtiment</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <source>Base map…</source>
        <translation>Fond de plan…</translation>
    </message>
    <message>
        <source>A GeoTIFF, or an image with a world file</source>
        <translation>Un GeoTIFF, ou une image avec son fichier de géoréférencement (world file)</translation>
    </message>
    <message>
        <source>Web map…</source>
        <translation>Carte en ligne…</translation>
    </message>
    <message>
        <source>Map tiles from a web service (XYZ or WMTS)</source>
        <translation>Tuiles d'un service cartographique en ligne (XYZ ou WMTS)</translation>
    </message>
    <message>
        <source>Reference…</source>
        <translation>Référence…</translation>
    </message>
    <message>
        <source>Parcels, roads, zoning: any vector file GDAL reads</source>
        <translation>Parcelles, voirie, zonage : tout fichier vecteur que GDAL lit</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Opacity</source>
        <translation>Opacité</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Housing</source>
        <translation>Logement</translation>
    </message>
    <message>
        <source>Productive</source>
        <translation>Productif</translation>
    </message>
    <message>
        <source>Tertiary</source>
        <translation>Tertiaire</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Mutualisé</translation>
    </message>
    <message>
        <source>Parking, technical</source>
        <translation>Stationnement, locaux techniques</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Non affecté</translation>
    </message>
    <message>
        <source>Error finding</source>
        <translation>Constat d'erreur</translation>
    </message>
    <message>
        <source>Baseline outline</source>
        <translation>Contour de l'existant</translation>
    </message>
    <message>
        <source>Drag to move the legend; View ▸ Show legend hides it</source>
        <extracomment>where the user put it: fractions of the free room across and down the surface types of the ground covers the plan shows</extracomment>
        <translation>Faites glisser la légende pour la déplacer ; Affichage ▸ Afficher la légende la masque</translation>
    </message>
</context>
<context>
    <name>LevelsTableModel</name>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Yard</source>
        <translation>Cour</translation>
    </message>
    <message>
        <source>Freight lift</source>
        <translation>Monte-charge</translation>
    </message>
    <message>
        <source>Ramp</source>
        <translation>Rampe</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Storey</source>
        <extracomment>findings about one level, by position: (severity, rule, finding)</extracomment>
        <translation>Niveau</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Usages</translation>
    </message>
    <message>
        <source>Height</source>
        <translation>Hauteur</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>Charge</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Accès</translation>
    </message>
    <message>
        <source>ICPE</source>
        <translation>ICPE</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Surface</translation>
    </message>
    <message>
        <source>Storey: ground, upper levels, basements</source>
        <translation>Niveau : RDC, étages, sous-sols</translation>
    </message>
    <message>
        <source>Uses and their shares of the floor area</source>
        <translation>Usages et leur part de la surface</translation>
    </message>
    <message>
        <source>Floor-to-floor height (m)</source>
        <translation>Hauteur d'étage (m)</translation>
    </message>
    <message>
        <source>Design imposed load (kN/m²)</source>
        <translation>Charge d'exploitation (kN/m²)</translation>
    </message>
    <message>
        <source>How goods and vehicles reach the level</source>
        <translation>Accès des marchandises et des véhicules</translation>
    </message>
    <message>
        <source>Nuisance class of the activity (ICPE regime)</source>
        <translation>Classe de nuisance de l'activité (régime ICPE)</translation>
    </message>
    <message>
        <source>Gross floor area (m²)</source>
        <translation>Surface de plancher brute (m²)</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>RDC</translation>
    </message>
    <message>
        <source>L%1</source>
        <translation>R+%1</translation>
    </message>
    <message>
        <source>B%1</source>
        <translation>S%1</translation>
    </message>
    <message>
        <source>%1 m² gross floor area</source>
        <translation>%1 m² de surface brute</translation>
    </message>
    <message>
        <source>Set level height</source>
        <translation>Modifier la hauteur d'étage</translation>
    </message>
    <message>
        <source>Set design load</source>
        <translation>Modifier la charge d'exploitation</translation>
    </message>
    <message>
        <source>Set access</source>
        <translation>Modifier l'accès</translation>
    </message>
    <message>
        <source>Set nuisance class</source>
        <translation>Modifier la classe ICPE</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Autosave failed: {0}</source>
        <extracomment>the language the window's own texts were last set in (retranslate_ui)</extracomment>
        <translation>L'enregistrement automatique a échoué : {0}</translation>
    </message>
    <message>
        <source>The rules could not be checked: {0}</source>
        <translation>Les règles n'ont pas pu être vérifiées : {0}</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Affichage</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Scénarios</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Historique</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;ouverture&gt;</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspecteur</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Indicateurs</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Constats</translation>
    </message>
    <message>
        <source>Financial balance</source>
        <translation>Bilan financier</translation>
    </message>
    <message>
        <source>Attribute table</source>
        <translation>Table attributaire</translation>
    </message>
    <message>
        <source>Phasing</source>
        <translation>Phasage</translation>
    </message>
    <message>
        <source>{0} — not available in this build</source>
        <translation>{0} — indisponible dans cette version</translation>
    </message>
    <message>
        <source>Surface type of the selected ground cover, or of the next one drawn</source>
        <translation>Type de sol du revêtement sélectionné, ou du prochain dessiné</translation>
    </message>
    <message>
        <source>Car spaces of the selected surface car park; — (or 0): not stated, estimated as its area ÷ %1 m²</source>
        <translation>Places du parc de stationnement en surface sélectionné ; — (ou 0) : non renseigné, estimé à sa surface ÷ %1 m²</translation>
    </message>
    <message>
        <source>Undo {0}</source>
        <translation>Annuler {0}</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Redo {0}</source>
        <translation>Rétablir {0}</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablir</translation>
    </message>
    <message>
        <source>The comparison is not available in this build.</source>
        <translation>La comparaison est indisponible dans cette version.</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(aucun)</translation>
    </message>
    <message>
        <source>Clear the list</source>
        <translation>Vider la liste</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <extracomment>tool action -&gt; SiteView tool name</extracomment>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <source>Start a new project</source>
        <translation>Commencer un nouveau projet</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <source>Open a project or a GeoPackage</source>
        <translation>Ouvrir un projet ou un GeoPackage</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>Enregistrer le projet</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <source>Save the project under another name</source>
        <translation>Enregistrer le projet sous un autre nom</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import GIS, CAD or GeoJSON data</source>
        <translation>Importer des données SIG, DAO ou GeoJSON</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <source>Export the scenario as GeoJSON, CSV or DXF</source>
        <translation>Exporter le scénario en GeoJSON, CSV ou DXF</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>Exporter le &amp;rapport…</translation>
    </message>
    <message>
        <source>Write the council-ready PDF report</source>
        <translation>Produire le rapport PDF pour les élus</translation>
    </message>
    <message>
        <source>Project se&amp;ttings…</source>
        <translation>&amp;Paramètres du projet…</translation>
    </message>
    <message>
        <source>Name, author, site name and CRS of the project</source>
        <translation>Nom, auteur, nom du site et système de coordonnées du projet</translation>
    </message>
    <message>
        <source>Keep a &amp;backup when saving</source>
        <translation>Garder une &amp;sauvegarde à l'enregistrement</translation>
    </message>
    <message>
        <source>Keep the replaced file as NAME.mixplan.gpkg.bak at each full save</source>
        <translation>Garder le fichier remplacé sous NOM.mixplan.gpkg.bak à chaque enregistrement complet</translation>
    </message>
    <message>
        <source>R&amp;ules…</source>
        <translation>&amp;Règles…</translation>
    </message>
    <message>
        <source>Every rule parameter with its source; rules on or off</source>
        <translation>Chaque paramètre des règles avec sa source ; règles actives ou non</translation>
    </message>
    <message>
        <source>&amp;Attribute table</source>
        <translation>Table &amp;attributaire</translation>
    </message>
    <message>
        <source>The scenario's buildings as a table</source>
        <translation>Les bâtiments du scénario sous forme de table</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Quit mixplan</source>
        <translation>Quitter mixplan</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Delete the selected buildings or ground covers</source>
        <translation>Supprimer les bâtiments ou revêtements de sol sélectionnés</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;upliquer</translation>
    </message>
    <message>
        <source>Duplicate the selected buildings</source>
        <translation>Dupliquer les bâtiments sélectionnés</translation>
    </message>
    <message>
        <source>&amp;Restore a removed building…</source>
        <translation>&amp;Rétablir un bâtiment supprimé…</translation>
    </message>
    <message>
        <source>Keep again a building of the existing state this scenario removes</source>
        <translation>Conserver de nouveau un bâtiment existant que ce scénario supprime</translation>
    </message>
    <message>
        <source>Restore a removed &amp;ground cover…</source>
        <translation>Rétablir un &amp;revêtement de sol supprimé…</translation>
    </message>
    <message>
        <source>Keep again a ground cover of the existing state this scenario removes</source>
        <translation>Conserver de nouveau un revêtement de sol existant que ce scénario supprime</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>Tout &amp;sélectionner</translation>
    </message>
    <message>
        <source>Select every building</source>
        <translation>Sélectionner tous les bâtiments</translation>
    </message>
    <message>
        <source>Zoom to &amp;site</source>
        <translation>Zoomer sur le &amp;site</translation>
    </message>
    <message>
        <source>Show the whole site</source>
        <translation>Afficher tout le site</translation>
    </message>
    <message>
        <source>Zoom to s&amp;election</source>
        <translation>Zoomer sur la s&amp;élection</translation>
    </message>
    <message>
        <source>Frame the selected buildings</source>
        <translation>Cadrer les bâtiments sélectionnés</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <source>The site plan</source>
        <translation>Le plan du site</translation>
    </message>
    <message>
        <source>&amp;Massing</source>
        <translation>&amp;Volumétrie</translation>
    </message>
    <message>
        <source>The axonometric massing view</source>
        <translation>La vue axonométrique des volumes</translation>
    </message>
    <message>
        <source>Show &amp;baseline outlines</source>
        <translation>Afficher les contours de l'&amp;existant</translation>
    </message>
    <message>
        <source>Draw the baseline's buildings faintly</source>
        <translation>Dessiner en pointillé les bâtiments existants</translation>
    </message>
    <message>
        <source>Show le&amp;gend</source>
        <translation>Afficher la lé&amp;gende</translation>
    </message>
    <message>
        <source>The colours of the plan (drag it to move it)</source>
        <translation>Les couleurs du plan (faites-la glisser pour la déplacer)</translation>
    </message>
    <message>
        <source>Show &amp;labels</source>
        <translation>Afficher les é&amp;tiquettes</translation>
    </message>
    <message>
        <source>Names and storeys</source>
        <translation>Noms et niveaux</translation>
    </message>
    <message>
        <source>Snap to vertices and edges</source>
        <translation>Aimanter aux sommets et aux côtés</translation>
    </message>
    <message>
        <source>Snap to a 1 m grid</source>
        <translation>Aimanter à une grille de 1 m</translation>
    </message>
    <message>
        <source>Select</source>
        <translation>Sélectionner</translation>
    </message>
    <message>
        <source>Click, Shift-click or drag a box</source>
        <translation>Clic, Maj+clic ou cadre de sélection</translation>
    </message>
    <message>
        <source>Draw building</source>
        <translation>Dessiner un bâtiment</translation>
    </message>
    <message>
        <source>Click the corners; double-click or Enter closes</source>
        <translation>Cliquer les angles ; double-clic ou Entrée pour fermer</translation>
    </message>
    <message>
        <source>Rectangle</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>Two corners, or a corner then width x depth</source>
        <translation>Deux angles, ou un angle puis largeur x profondeur</translation>
    </message>
    <message>
        <source>Draw ground cover</source>
        <translation>Dessiner un revêtement de sol</translation>
    </message>
    <message>
        <source>Click the corners of a ground cover polygon</source>
        <translation>Cliquer les angles d'un polygone de revêtement de sol</translation>
    </message>
    <message>
        <source>Edit site boundary</source>
        <translation>Modifier le périmètre du site</translation>
    </message>
    <message>
        <source>Move the site's vertices (draws it if none)</source>
        <translation>Déplacer les sommets du périmètre (le dessiner s'il n'existe pas)</translation>
    </message>
    <message>
        <source>Edit vertices</source>
        <translation>Modifier les sommets</translation>
    </message>
    <message>
        <source>Drag, insert (double-click) or delete vertices</source>
        <translation>Déplacer, insérer (double-clic) ou supprimer des sommets</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>Move the selected buildings</source>
        <translation>Déplacer les bâtiments sélectionnés</translation>
    </message>
    <message>
        <source>Rotate</source>
        <translation>Pivoter</translation>
    </message>
    <message>
        <source>Rotate the selected buildings</source>
        <translation>Faire pivoter les bâtiments sélectionnés</translation>
    </message>
    <message>
        <source>&amp;New from baseline…</source>
        <translation>&amp;Nouveau à partir de l'existant…</translation>
    </message>
    <message>
        <source>A new scenario copying the baseline</source>
        <translation>Un nouveau scénario copiant l'existant</translation>
    </message>
    <message>
        <source>&amp;Duplicate…</source>
        <translation>&amp;Dupliquer…</translation>
    </message>
    <message>
        <source>A copy of the current scenario</source>
        <translation>Une copie du scénario courant</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>Rename the current scenario</source>
        <translation>Renommer le scénario courant</translation>
    </message>
    <message>
        <source>De&amp;lete</source>
        <translation>Supp&amp;rimer</translation>
    </message>
    <message>
        <source>Delete the current scenario</source>
        <translation>Supprimer le scénario courant</translation>
    </message>
    <message>
        <source>S&amp;uggest…</source>
        <translation>S&amp;uggérer…</translation>
    </message>
    <message>
        <source>The scenario with the most housing that passes every rule</source>
        <translation>Le scénario qui accueille le plus de logements en respectant toutes les règles</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Comparer</translation>
    </message>
    <message>
        <source>Scenarios side by side</source>
        <translation>Les scénarios côte à côte</translation>
    </message>
    <message>
        <source>&amp;About mixplan</source>
        <translation>À &amp;propos de mixplan</translation>
    </message>
    <message>
        <source>&amp;Rule sources</source>
        <translation>&amp;Sources des règles</translation>
    </message>
    <message>
        <source>Every rule, its threshold and its source</source>
        <translation>Chaque règle, son seuil et sa source</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>Bâtiment</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>Sol</translation>
    </message>
    <message>
        <source>Site</source>
        <translation>Site</translation>
    </message>
    <message>
        <source>Vertices</source>
        <translation>Sommets</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Panneaux</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Outils</translation>
    </message>
    <message>
        <source>&amp;Scenario</source>
        <translation>&amp;Scénario</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>User &amp;guide</source>
        <translation>&amp;Guide d'utilisation</translation>
    </message>
    <message>
        <source>How to use mixplan, searchable</source>
        <translation>Comment utiliser mixplan, avec recherche</translation>
    </message>
    <message>
        <source>Add &amp;base map…</source>
        <translation>Ajouter un &amp;fond de plan…</translation>
    </message>
    <message>
        <source>Add &amp;web map…</source>
        <translation>Ajouter une carte en &amp;ligne…</translation>
    </message>
    <message>
        <source>Add &amp;reference layer…</source>
        <translation>Ajouter une couche de &amp;référence…</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>{0} states no CRS: it is taken to be the project's</source>
        <translation>{0} n'indique aucun système de coordonnées : celui du projet est retenu</translation>
    </message>
    <message>
        <source>Add reference layer</source>
        <translation>Ajouter une couche de référence</translation>
    </message>
    <message>
        <source>Layer of {0}:</source>
        <translation>Couche de {0} :</translation>
    </message>
    <message>
        <source>Add base map</source>
        <translation>Ajouter un fond de plan</translation>
    </message>
    <message>
        <source>Georeferenced images ({0})</source>
        <translation>Images géoréférencées ({0})</translation>
    </message>
    <message>
        <source>Add web map</source>
        <translation>Ajouter une carte en ligne</translation>
    </message>
    <message>
        <source>Tile URL with {z}, {x} and {y} (or a WMS GetMap URL with {bbox} and CRS=EPSG:3857), e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png</source>
        <translation>Adresse des tuiles avec {z}, {x} et {y} (ou requête WMS GetMap avec {bbox} et CRS=EPSG:3857), par exemple https://tile.openstreetmap.org/{z}/{x}/{y}.png</translation>
    </message>
    <message>
        <source>Vector files ({0});;All files (*)</source>
        <translation>Fichiers vecteur ({0});;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>&amp;Typologies…</source>
        <translation>&amp;Typologies…</translation>
    </message>
    <message>
        <source>The typology library: make, share and apply</source>
        <translation>La bibliothèque de typologies : créer, partager, appliquer</translation>
    </message>
</context>
<context>
    <name>MassingView</name>
    <message>
        <source>Drawing %1 buildings… %2%</source>
        <extracomment>Below this size on screen (pixels) a building is drawn as its block. The longest one rendering spends making detailed prisms (seconds): the rest is drawn as blocks and refined by the next renderings, each a turn of its own. Blocks made at once while building the view (their footprints measured together). The longest building the view works on the GUI thread before yielding (seconds). building ids clicked in the view (already pushed to the document's selection) every block made and not yet dropped, by building id (a build reuses them) buildings of the build under way still without a block (None: none runs)</extracomment>
        <translation>Dessin de %1 bâtiments… %2 %</translation>
    </message>
    <message>
        <source>No building in this scenario</source>
        <translation>Aucun bâtiment dans ce scénario</translation>
    </message>
</context>
<context>
    <name>MoveTool</name>
    <message>
        <source>Drag to move the selected buildings (Shift: along an axis)</source>
        <translation>Faire glisser pour déplacer les bâtiments sélectionnés (Maj : selon un axe)</translation>
    </message>
    <message>
        <source>Move {0:.2f} m, {1:.2f} m</source>
        <translation>Déplacement {0:.2f} m, {1:.2f} m</translation>
    </message>
    <message>
        <source>Move building</source>
        <translation>Déplacer le bâtiment</translation>
    </message>
    <message>
        <source>Move buildings</source>
        <translation>Déplacer les bâtiments</translation>
    </message>
</context>
<context>
    <name>ParetoChart</name>
    <message>
        <source>No trade-off yet</source>
        <translation>Pas encore d'arbitrage</translation>
    </message>
    <message>
        <source>{0}: {1:,.2f}
{2}: {3:,.0f}
Click to create this scenario</source>
        <translation>{0} : {1:,.2f}
{2} : {3:,.0f}
Cliquez pour créer ce scénario</translation>
    </message>
</context>
<context>
    <name>PhasingPanel</name>
    <message>
        <source>Add phase</source>
        <extracomment>one job at a time (the panel's pool of one thread) uses it the panel's generation now (read from this thread: an int) a bar was dropped on another phase: (building id, kind, new phase) the plan should be shown as at the end of a phase (0: the final plan) bumped by every edit: a job of an older generation stops, its result is dropped what "Suggest phasing" explained, shown with the next result one job at a time (they share the facts cache); made before the signals so that, deleted first, it waits for its job to end "Suggest phasing…" under way in a child process (one at a time), its progress dialog, whether the project changed since it started the ids each building list shows (refilled only when they change)</extracomment>
        <translation>Ajouter une phase</translation>
    </message>
    <message>
        <source>Remove last phase</source>
        <translation>Supprimer la dernière phase</translation>
    </message>
    <message>
        <source>Suggest phasing…</source>
        <translation>Proposer un phasage…</translation>
    </message>
    <message>
        <source>Give the scenario a phasing that keeps every firm housed</source>
        <translation>Donner au scénario un phasage qui garde chaque entreprise logée</translation>
    </message>
    <message>
        <source>Where each firm is, phase by phase</source>
        <translation>Où est chaque entreprise, phase par phase</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>House the firm in the building from the phase shown (one undo step)</source>
        <translation>Loger l'entreprise dans le bâtiment à partir de la phase indiquée (une seule annulation)</translation>
    </message>
    <message>
        <source>from phase </source>
        <translation>à partir de la phase </translation>
    </message>
    <message>
        <source>Firm in this existing building</source>
        <translation>Entreprise dans ce bâtiment existant</translation>
    </message>
    <message>
        <source> jobs</source>
        <translation> emplois</translation>
    </message>
    <message>
        <source>Add firm</source>
        <translation>Ajouter l'entreprise</translation>
    </message>
    <message>
        <source>The existing state has no phases: choose a scenario.</source>
        <translation>L'état existant n'a pas de phases : choisir un scénario.</translation>
    </message>
    <message>
        <source>Computing the phasing…</source>
        <translation>Calcul du phasage…</translation>
    </message>
    <message>
        <source>{0} phase(s); existing productive floor area {1} m², at least {2} m² during the works</source>
        <translation>{0} phase(s) ; surface productive existante {1} m², au moins {2} m² pendant les travaux</translation>
    </message>
    <message>
        <source>Not phased: add phases and drag the bars, or let mixplan suggest a phasing.</source>
        <translation>Non phasé : ajouter des phases et faire glisser les barres, ou laisser mixplan proposer un phasage.</translation>
    </message>
    <message>
        <source>Phase {0}</source>
        <translation>Phase {0}</translation>
    </message>
    <message>
        <source>no premises</source>
        <translation>sans locaux</translation>
    </message>
    <message>
        <source>Phase {0}: {1} moves from {2} to {3}</source>
        <translation>Phase {0} : {1} passe de {2} à {3}</translation>
    </message>
    <message>
        <source>No firm moves.</source>
        <translation>Aucune entreprise ne déménage.</translation>
    </message>
    <message>
        <source>Final plan</source>
        <translation>Plan final</translation>
    </message>
    <message>
        <source>As at the end of phase {0}</source>
        <translation>À la fin de la phase {0}</translation>
    </message>
    <message>
        <source>Suggesting a phasing…</source>
        <translation>Recherche d'un phasage…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>The project changed while the phasing was being suggested: suggest it again.</source>
        <translation>Le projet a changé pendant la recherche du phasage : relancez-la.</translation>
    </message>
    <message>
        <source>Phasing</source>
        <translation>Phasage</translation>
    </message>
</context>
<context>
    <name>PresetButton</name>
    <message>
        <source>Preset</source>
        <extracomment>a refused preset, with the one-line reason</extracomment>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Fill the levels of the selected buildings from a typology</source>
        <translation>Remplir les niveaux des bâtiments sélectionnés d'après une typologie</translation>
    </message>
    <message>
        <source>R+%1, %2 m</source>
        <translation>R+%1, %2 m</translation>
    </message>
    <message>
        <source>Apply preset “%1”</source>
        <translation>Appliquer le modèle « %1 »</translation>
    </message>
</context>
<context>
    <name>PresetStoreys</name>
    <message>
        <source>R+ as typology</source>
        <translation>R+ de la typologie</translation>
    </message>
    <message>
        <source>Storeys above the ground floor given by the next preset (R+n), or the typology's own</source>
        <translation>Étages au-dessus du rez-de-chaussée donnés par la prochaine typologie (R+n), ou ceux de la typologie</translation>
    </message>
</context>
<context>
    <name>ProjectSettingsDialog</name>
    <message>
        <source>%1 is not in the PROJ database</source>
        <translation>%1 n'est pas dans la base PROJ</translation>
    </message>
    <message>
        <source>%1 is not a projected CRS</source>
        <translation>%1 n'est pas un système projeté</translation>
    </message>
    <message>
        <source>%1 is in %2; mixplan works in metres</source>
        <translation>%1 est en %2 ; mixplan travaille en mètres</translation>
    </message>
    <message>
        <source>Project settings</source>
        <translation>Paramètres du projet</translation>
    </message>
    <message>
        <source>Project &amp;name</source>
        <translation>&amp;Nom du projet</translation>
    </message>
    <message>
        <source>&amp;Author</source>
        <translation>&amp;Auteur</translation>
    </message>
    <message>
        <source>&amp;Site name</source>
        <translation>Nom du &amp;site</translation>
    </message>
    <message>
        <source>Coordinate reference system</source>
        <translation>Système de coordonnées de référence</translation>
    </message>
    <message>
        <source>Search by EPSG code or name (e.g. Lambert-93, New York)</source>
        <translation>Chercher par code EPSG ou par nom (ex. Lambert-93, New York)</translation>
    </message>
    <message>
        <source>Use the selected CRS</source>
        <translation>Utiliser le système choisi</translation>
    </message>
    <message>
        <source>Draw or import the site first</source>
        <translation>Dessinez ou importez d'abord le site</translation>
    </message>
    <message>
        <source>Project CRS: %1</source>
        <translation>Système du projet : %1</translation>
    </message>
    <message>
        <source>The CRS is chosen before anything is drawn or imported: the project's coordinates are in it</source>
        <translation>Le système de coordonnées se choisit avant de dessiner ou d'importer quoi que ce soit : les coordonnées du projet y sont exprimées</translation>
    </message>
    <message>
        <source>Edit project settings</source>
        <translation>Modifier les paramètres du projet</translation>
    </message>
    <message>
        <source>Choose a CRS in the list first.</source>
        <translation>Choisissez d'abord un système dans la liste.</translation>
    </message>
</context>
<context>
    <name>RectangleTool</name>
    <message>
        <source>Click a corner, then the opposite corner, or type width x depth and Enter</source>
        <translation>Cliquer un angle, puis l'angle opposé, ou taper largeur x profondeur puis Entrée</translation>
    </message>
    <message>
        <source>Type width x depth, e.g. 30x12</source>
        <translation>Tapez largeur x profondeur, par ex. 30x12</translation>
    </message>
    <message>
        <source>{0:.2f} m × {1:.2f} m · area {2:.1f} m² {3}</source>
        <translation>{0:.2f} m × {1:.2f} m · surface {2:.1f} m² {3}</translation>
    </message>
    <message>
        <source>The rectangle has no area</source>
        <translation>Le rectangle n'a pas de surface</translation>
    </message>
</context>
<context>
    <name>ReportExportDialog</name>
    <message>
        <source>Export the council report</source>
        <extracomment>the PDF's path, and the files of full lists written beside it emitted with the PDF's path once written</extracomment>
        <translation>Exporter le rapport pour les élus</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Français</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Anglais</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>(baseline)</source>
        <translation>(existant)</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Summary of the verdicts</source>
        <translation>Synthèse des verdicts</translation>
    </message>
    <message>
        <source>Pages of each scenario</source>
        <translation>Pages de chaque scénario</translation>
    </message>
    <message>
        <source>Financial balance</source>
        <translation>Bilan financier</translation>
    </message>
    <message>
        <source>Comparison charts</source>
        <translation>Graphiques de comparaison</translation>
    </message>
    <message>
        <source>Annex: rules, sources, assumptions</source>
        <translation>Annexe : règles, sources, hypothèses</translation>
    </message>
    <message>
        <source>Base maps under the plans</source>
        <translation>Fonds de plan sous les plans</translation>
    </message>
    <message>
        <source>Buildings by name</source>
        <translation>Bâtiments par leur nom</translation>
    </message>
    <message>
        <source>Buildings by id</source>
        <translation>Bâtiments par leur identifiant</translation>
    </message>
    <message>
        <source>PNG or JPEG on the cover (optional)</source>
        <translation>PNG ou JPEG en couverture (facultatif)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Scenarios</source>
        <translation>Scénarios</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Plan labels</source>
        <translation>Étiquettes des plans</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <source>Logo for the cover</source>
        <translation>Logo de la couverture</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>Enregistrer le rapport sous</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Documents PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Writing {0}…</source>
        <translation>Écriture de {0}…</translation>
    </message>
    <message>
        <source>Report written to {0}, full lists in {1}</source>
        <translation>Rapport écrit dans {0}, listes complètes dans {1}</translation>
    </message>
    <message>
        <source>Report written to {0}</source>
        <translation>Rapport écrit dans {0}</translation>
    </message>
    <message>
        <source>Could not write the report {0}</source>
        <translation>Impossible d'écrire le rapport {0}</translation>
    </message>
</context>
<context>
    <name>RotateTool</name>
    <message>
        <source>Drag around the selection to rotate it (Shift: 15° steps)</source>
        <translation>Faire glisser autour de la sélection pour la faire pivoter (Maj : pas de 15°)</translation>
    </message>
    <message>
        <source>Rotate {0:.1f}°</source>
        <translation>Rotation {0:.1f}°</translation>
    </message>
    <message>
        <source>Rotate building</source>
        <translation>Faire pivoter le bâtiment</translation>
    </message>
    <message>
        <source>Rotate buildings</source>
        <translation>Faire pivoter les bâtiments</translation>
    </message>
</context>
<context>
    <name>RulebookDialog</name>
    <message>
        <source>Rulebook</source>
        <translation>Règlement</translation>
    </message>
    <message>
        <source>Import TOML…</source>
        <translation>Importer un TOML…</translation>
    </message>
    <message>
        <source>Export TOML…</source>
        <translation>Exporter en TOML…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Import a rulebook</source>
        <translation>Importer un règlement</translation>
    </message>
    <message>
        <source>Rulebook (*.toml)</source>
        <translation>Règlement (*.toml)</translation>
    </message>
    <message>
        <source>Export the rulebook</source>
        <translation>Exporter le règlement</translation>
    </message>
    <message>
        <source>Import rulebook</source>
        <translation>Importer le règlement</translation>
    </message>
    <message>
        <source>%1 parameter(s) changed from %2</source>
        <translation>%1 paramètre(s) modifié(s) d'après %2</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Écrit : %1</translation>
    </message>
</context>
<context>
    <name>RulebookModel</name>
    <message>
        <source>Rule</source>
        <translation>Règle</translation>
    </message>
    <message>
        <source>Parameter</source>
        <translation>Paramètre</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>on</source>
        <translation>active</translation>
    </message>
    <message>
        <source>off</source>
        <translation>inactive</translation>
    </message>
    <message>
        <source>Default: %1</source>
        <translation>Par défaut : %1</translation>
    </message>
    <message>
        <source>Set rule parameter</source>
        <translation>Modifier un paramètre de règle</translation>
    </message>
</context>
<context>
    <name>ScenariosDock</name>
    <message>
        <source>Scenarios</source>
        <translation>Scénarios</translation>
    </message>
    <message>
        <source>{0} (baseline)</source>
        <translation>{0} (existant)</translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n error(s)</source>
        <translation><numerusform>⚠ %Ln erreur</numerusform><numerusform>⚠ %Ln erreurs</numerusform></translation>
    </message>
</context>
<context>
    <name>StatusReadouts</name>
    <message>
        <source>Rules: …</source>
        <translation>Règles : …</translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation><numerusform>%Ln erreur</numerusform><numerusform>%Ln erreurs</numerusform></translation>
    </message>
    <message>
        <source>No errors</source>
        <translation>Aucune erreur</translation>
    </message>
</context>
<context>
    <name>SuggestDialog</name>
    <message>
        <source>Suggest a scenario</source>
        <translation>Suggérer un scénario</translation>
    </message>
    <message>
        <source>Start from</source>
        <extracomment>the last suggestion written (its explanation is shown) the project changed while the dialog was hidden: its lists follow when it is shown again</extracomment>
        <translation>Partir de</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Suggéré</translation>
    </message>
    <message>
        <source>New scenario</source>
        <translation>Nouveau scénario</translation>
    </message>
    <message>
        <source>Housing floor area (SDP)</source>
        <translation>Surface de logement (SDP)</translation>
    </message>
    <message>
        <source>Dwellings</source>
        <translation>Logements</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Emplois</translation>
    </message>
    <message>
        <source>Total floor area (SDP)</source>
        <translation>Surface de plancher totale (SDP)</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>Maximiser</translation>
    </message>
    <message>
        <source>Options allowed</source>
        <translation>Options autorisées</translation>
    </message>
    <message>
        <source>Add storeys of housing</source>
        <translation>Ajouter des étages de logement</translation>
    </message>
    <message>
        <source>Convert non-productive levels to housing</source>
        <translation>Convertir en logement les niveaux non productifs</translation>
    </message>
    <message>
        <source>Fit a freight lift</source>
        <translation>Installer un monte-charge</translation>
    </message>
    <message>
        <source>Build on sealed ground and car parks</source>
        <translation>Construire sur les sols imperméabilisés et les parkings</translation>
    </message>
    <message>
        <source>De-seal ground into open soil</source>
        <translation>Désimperméabiliser en pleine terre</translation>
    </message>
    <message>
        <source>Green roofs on new buildings</source>
        <translation>Toitures végétalisées sur les bâtiments neufs</translation>
    </message>
    <message>
        <source>Keep as they are (frozen)</source>
        <translation>Conserver tels quels (figés)</translation>
    </message>
    <message>
        <source>open soil</source>
        <translation>pleine terre</translation>
    </message>
    <message>
        <source>jobs</source>
        <translation>emplois</translation>
    </message>
    <message>
        <source>Trade-off</source>
        <translation>Arbitrage</translation>
    </message>
    <message>
        <source>Housing against</source>
        <translation>Logement face à</translation>
    </message>
    <message>
        <source>The explanation of the suggestion appears here.</source>
        <translation>L'explication de la suggestion s'affiche ici.</translation>
    </message>
    <message>
        <source>Suggest</source>
        <translation>Suggérer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>{0} — ground ({1})</source>
        <translation>{0} — sol ({1})</translation>
    </message>
    <message>
        <source>Give the new scenario a name.</source>
        <translation>Donnez un nom au nouveau scénario.</translation>
    </message>
    <message>
        <source>A scenario {0!r} already exists.</source>
        <translation>Un scénario {0!r} existe déjà.</translation>
    </message>
    <message>
        <source>Suggesting…</source>
        <translation>Suggestion en cours…</translation>
    </message>
    <message>
        <source>Tracing the trade-off…</source>
        <translation>Calcul de l'arbitrage…</translation>
    </message>
    <message>
        <source>Creating the scenario of this point…</source>
        <translation>Création du scénario de ce point…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>listing the options of every building</source>
        <translation>recensement des options de chaque bâtiment</translation>
    </message>
    <message>
        <source>solving the mixed-integer programme</source>
        <translation>résolution du programme en nombres entiers</translation>
    </message>
    <message>
        <source>checking the result with the engine</source>
        <translation>vérification du résultat par le moteur de règles</translation>
    </message>
    <message>
        <source>Suggesting: {0}</source>
        <translation>Suggestion : {0}</translation>
    </message>
    <message>
        <source>No scenario could be suggested.</source>
        <translation>Aucun scénario n'a pu être suggéré.</translation>
    </message>
    <message>
        <source>The project changed while the suggestion ran; run it again.</source>
        <translation>Le projet a changé pendant la suggestion ; relancez-la.</translation>
    </message>
    <message>
        <source>Wrote scenario {0}.</source>
        <translation>Scénario {0} écrit.</translation>
    </message>
    <message>
        <source>open soil (% of the site)</source>
        <translation>pleine terre (% du terrain)</translation>
    </message>
    <message>
        <source>{0} points; click one to create that scenario.</source>
        <translation>{0} points ; cliquez sur l'un d'eux pour créer ce scénario.</translation>
    </message>
</context>
<context>
    <name>Tool</name>
    <message>
        <source>Not applied: {0}</source>
        <extracomment>A press that moves less than this is a click, not a drag. The storey a drawn building starts with: one 3 m ground floor, not yet assigned, so the findings remind the user to give it uses. a readout for the status bar (length, area, hints)</extracomment>
        <translation>Non appliqué : {0}</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>New building {0}</source>
        <translation>Nouveau bâtiment {0}</translation>
    </message>
</context>
<context>
    <name>Typologies</name>
    <message>
        <source>Typologies</source>
        <translation>Typologies</translation>
    </message>
    <message>
        <source>From the selected building…</source>
        <translation>Depuis le bâtiment sélectionné…</translation>
    </message>
    <message>
        <source>Update from the selected building</source>
        <translation>Mettre à jour depuis le bâtiment sélectionné</translation>
    </message>
    <message>
        <source>Edit a typology: apply it to a building, change the building in the inspector, then update the typology from it</source>
        <translation>Modifier une typologie : l'appliquer à un bâtiment, modifier ce bâtiment dans l'inspecteur, puis mettre à jour la typologie depuis lui</translation>
    </message>
    <message>
        <source>Copy to my library</source>
        <translation>Copier dans ma bibliothèque</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <source>project</source>
        <translation>projet</translation>
    </message>
    <message>
        <source>my library</source>
        <translation>ma bibliothèque</translation>
    </message>
    <message>
        <source>mixplan</source>
        <translation>mixplan</translation>
    </message>
    <message>
        <source>Select the building to copy first.</source>
        <translation>Sélectionnez d'abord le bâtiment à copier.</translation>
    </message>
    <message>
        <source>New typology</source>
        <translation>Nouvelle typologie</translation>
    </message>
    <message>
        <source>Name of the typology:</source>
        <translation>Nom de la typologie :</translation>
    </message>
    <message>
        <source>Import typologies</source>
        <translation>Importer des typologies</translation>
    </message>
    <message>
        <source>Typologies (*.toml)</source>
        <translation>Typologies (*.toml)</translation>
    </message>
    <message>
        <source>Export typologies</source>
        <translation>Exporter les typologies</translation>
    </message>
</context>
<context>
    <name>UseMixModel</name>
    <message>
        <source>Use</source>
        <translation>Usage</translation>
    </message>
    <message>
        <source>Share (%)</source>
        <translation>Part (%)</translation>
    </message>
    <message>
        <source>Nuisance</source>
        <translation>Nuisance</translation>
    </message>
    <message>
        <source>Set level uses</source>
        <translation>Modifier les usages du niveau</translation>
    </message>
    <message>
        <source>Add use</source>
        <translation>Ajouter un usage</translation>
    </message>
    <message>
        <source>Remove use</source>
        <translation>Retirer l'usage</translation>
    </message>
</context>
<context>
    <name>VertexTool</name>
    <message>
        <source>Drag a vertex; double-click an edge to add one; Delete removes the vertex under the cursor</source>
        <translation>Faire glisser un sommet ; double-clic sur un côté pour en ajouter un ; Suppr retire le sommet sous le curseur</translation>
    </message>
    <message>
        <source>Move vertex</source>
        <translation>Déplacer un sommet</translation>
    </message>
    <message>
        <source>Insert vertex</source>
        <translation>Insérer un sommet</translation>
    </message>
    <message>
        <source>A polygon keeps at least three vertices</source>
        <translation>Un polygone garde au moins trois sommets</translation>
    </message>
    <message>
        <source>Delete vertex</source>
        <translation>Supprimer un sommet</translation>
    </message>
    <message>
        <source>That would make the outline cross itself</source>
        <translation>Le contour se recouperait</translation>
    </message>
</context>
<context>
    <name>_SelectionDrag</name>
    <message>
        <source>Select buildings first</source>
        <extracomment>Up to this many selected buildings, a drag moves their items; beyond, one picture of their outlines. the selection's outlines dragged instead of its items, or None</extracomment>
        <translation>Sélectionnez d'abord des bâtiments</translation>
    </message>
    <message>
        <source>Not applied: {0}</source>
        <translation>Non appliqué : {0}</translation>
    </message>
</context>
</TS>