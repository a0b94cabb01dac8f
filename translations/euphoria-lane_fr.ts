<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Discount on the whole sale</source>
        <translation>Remise sur toute la vente</translation>
    </message>
    <message>
        <source>New price (now %1)</source>
        <translation>Nouveau prix (actuel %1)</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>Nouveau prix unitaire</translation>
    </message>
    <message>
        <source>Set price</source>
        <translation>Fixer le prix</translation>
    </message>
    <message>
        <source>Discount %, e.g. 10</source>
        <translation>Remise %, p. ex. 10</translation>
    </message>
    <message>
        <source>Discount in percent</source>
        <translation>Remise en pourcentage</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>AdminConflictsPage</name>
    <message>
        <source>Differences reconciliation resolved by the latest stock figure. Set the right count to override.</source>
        <translation>Écarts que le rapprochement a résolus avec le chiffre de stock le plus récent. Saisissez le bon comptage pour le corriger.</translation>
    </message>
    <message>
        <source>Here %1 (%2) · lane %3: %4 (%5)</source>
        <translation>Ici %1 (%2) · caisse %3 : %4 (%5)</translation>
    </message>
    <message>
        <source>Chosen %1, overridden to %2 by %3 at %4</source>
        <translation>Retenu %1, corrigé à %2 par %3 le %4</translation>
    </message>
    <message>
        <source>Chosen %1 (lane %2) at %3</source>
        <translation>Retenu %1 (caisse %2) le %3</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Comptage</translation>
    </message>
    <message>
        <source>Correct stock for %1</source>
        <translation>Stock correct pour %1</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Corriger</translation>
    </message>
    <message>
        <source>No conflicts: every reconciliation so far agreed.</source>
        <translation>Aucun conflit : tous les rapprochements ont concordé.</translation>
    </message>
</context>
<context>
    <name>AdminController</name>
    <message>
        <source>Reconciliation: %1. %2 products compared, %3 differences, %4 resolved.</source>
        <translation>Rapprochement : %1. %2 produits comparés, %3 écarts, %4 résolus.</translation>
    </message>
    <message>
        <source>Only a manager can do this.</source>
        <translation>Seul un responsable peut faire cela.</translation>
    </message>
    <message>
        <source>Reconciliation started.</source>
        <translation>Rapprochement lancé.</translation>
    </message>
    <message>
        <source>A reconciliation is already running.</source>
        <translation>Un rapprochement est déjà en cours.</translation>
    </message>
    <message>
        <source>Enter the stock as a whole number, 0 or more.</source>
        <translation>Saisissez le stock en nombre entier, 0 ou plus.</translation>
    </message>
    <message>
        <source>The override was not saved: %1</source>
        <translation>La correction n’a pas été enregistrée : %1</translation>
    </message>
    <message>
        <source>Stock set to %1 by %2; every lane receives it.</source>
        <translation>Stock fixé à %1 par %2 ; toutes les caisses le reçoivent.</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>Échec de la relance : %1</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;.</source>
        <translation>Aucun résultat pour « %1 ».</translation>
    </message>
    <message>
        <source>Enter the count as a whole number, 0 or more.</source>
        <translation>Saisissez le comptage en nombre entier, 0 ou plus.</translation>
    </message>
    <message>
        <source>Choose a product first.</source>
        <translation>Choisissez d’abord un produit.</translation>
    </message>
    <message>
        <source>The count was not saved: %1</source>
        <translation>Le comptage n’a pas été enregistré : %1</translation>
    </message>
    <message>
        <source>%1: stock counted at %2.</source>
        <translation>%1 : stock compté à %2.</translation>
    </message>
    <message>
        <source>The discount limit is between 0 and 100%.</source>
        <translation>La limite de remise est comprise entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>%1 ajouté.</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 enregistré.</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>pas encore exécuté</translation>
    </message>
    <message>
        <source>all lanes agree</source>
        <translation>toutes les caisses concordent</translation>
    </message>
    <message>
        <source>differences resolved</source>
        <translation>écarts résolus</translation>
    </message>
    <message>
        <source>some messages still missing</source>
        <translation>il manque encore des messages</translation>
    </message>
    <message>
        <source>some figures rest on no message and were left as they are</source>
        <translation>certains chiffres ne reposent sur aucun message et ont été laissés tels quels</translation>
    </message>
    <message>
        <source>no other lane connected</source>
        <translation>aucune autre caisse connectée</translation>
    </message>
    <message>
        <source>no other lane answered</source>
        <translation>aucune autre caisse n’a répondu</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>échec (%1)</translation>
    </message>
    <message>
        <source>%1; no answer from %2</source>
        <translation>%1 ; pas de réponse de %2</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages queued for upload again: %n.</source>
        <translation>
            <numerusform>Messages en échec remis en file d’envoi : %n.</numerusform>
            <numerusform>Messages en échec remis en file d’envoi : %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Return %1, %2</source>
        <translation>Retour %1, %2</translation>
    </message>
    <message>
        <source>Sale %1, %2</source>
        <translation>Vente %1, %2</translation>
    </message>
    <message>
        <source>Stock count: %1, %2 on the shelf</source>
        <translation>Inventaire : %1, %2 en rayon</translation>
    </message>
    <message>
        <source>Stock of %1 set to %2</source>
        <translation>Stock de %1 fixé à %2</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Client %1</translation>
    </message>
    <message>
        <source>Employee %1</source>
        <translation>Employé %1</translation>
    </message>
    <message>
        <source>The message was not accepted: %1</source>
        <translation>Le message n’a pas été accepté : %1</translation>
    </message>
    <message>
        <source>Accepted by %1: applied now, on every lane.</source>
        <translation>Accepté par %1 : appliqué maintenant, sur chaque caisse.</translation>
    </message>
    <message>
        <source>The products could not be read: %1</source>
        <translation>Impossible de lire les produits : %1</translation>
    </message>
    <message>
        <source>Enter the tax rate in percent, from 0 to 100, for example 8.25.</source>
        <translation>Saisissez le taux de taxe en pourcentage, de 0 à 100, par exemple 8,25.</translation>
    </message>
    <message>
        <source>Price: %1</source>
        <translation>Prix : %1</translation>
    </message>
</context>
<context>
    <name>AdminCountPage</name>
    <message>
        <source>Find the product by barcode, SKU or name, then enter what is on the shelf. Every lane receives the count.</source>
        <translation>Trouvez le produit par code-barres, SKU ou nom, puis saisissez ce qui est en rayon. Toutes les caisses reçoivent le comptage.</translation>
    </message>
    <message>
        <source>Barcode, SKU or name</source>
        <translation>Code-barres, SKU ou nom</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>%1 (%2): %3 in stock</source>
        <translation>%1 (%2) : %3 en stock</translation>
    </message>
    <message>
        <source>Count for %1</source>
        <translation>Comptage pour %1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unités</translation>
    </message>
    <message>
        <source>Units on the shelf</source>
        <translation>Unités en rayon</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>AdminEmployeesPage</name>
    <message>
        <source>+ New employee</source>
        <translation>+ Nouvel employé</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Caissier</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>bloqué</translation>
    </message>
    <message>
        <source>New employee</source>
        <translation>Nouvel employé</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rôle</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Nouveau code</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>4 à 8 chiffres</translation>
    </message>
    <message>
        <source>leave empty to keep</source>
        <translation>vide pour conserver</translation>
    </message>
    <message>
        <source>Discount limit %</source>
        <translation>Limite de remise %</translation>
    </message>
    <message>
        <source>Discount limit in percent</source>
        <translation>Limite de remise en pourcentage</translation>
    </message>
    <message>
        <source>Active (can log in)</source>
        <translation>Actif (peut se connecter)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>AdminFailedPage</name>
    <message>
        <source>Cloud sync is off on this lane (no supabaseUrl and key).</source>
        <translation>La synchronisation cloud est désactivée sur cette caisse (ni supabaseUrl ni clé).</translation>
    </message>
    <message>
        <source>No failed uploads.</source>
        <translation>Aucun envoi en échec.</translation>
    </message>
    <message>
        <source>Messages the cloud refused after every retry. Fix the cause, then retry them.</source>
        <translation>Messages refusés par le cloud après toutes les tentatives. Corrigez la cause, puis relancez-les.</translation>
    </message>
    <message numerus="yes">
        <source>Retry failed uploads (%n)</source>
        <translation>
            <numerusform>Relancer les envois en échec (%n)</numerusform>
            <numerusform>Relancer les envois en échec (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · tries: %n
%3</source>
        <translation>
            <numerusform>%1 · %2 · tentatives : %n
%3</numerusform>
            <numerusform>%1 · %2 · tentatives : %n
%3</numerusform>
        </translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>aucune raison donnée</translation>
    </message>
</context>
<context>
    <name>AdminHeldPage</name>
    <message>
        <source>Every lane&apos;s clock agrees with the store&apos;s time.</source>
        <translation>L’horloge de chaque caisse concorde avec l’heure du magasin.</translation>
    </message>
    <message>
        <source>A message stamped too far ahead of the store&apos;s time is kept here instead of changing stock with a time that has not come. It is applied by itself when its time comes; accept it to apply it now, on every lane.</source>
        <translation>Un message daté trop en avance sur l’heure du magasin est gardé ici au lieu de modifier le stock avec une heure qui n’est pas encore venue. Il s’applique de lui-même à son heure ; acceptez-le pour l’appliquer maintenant, sur chaque caisse.</translation>
    </message>
    <message>
        <source>From lane %1 · stamped %2, %3 ahead · held since %4</source>
        <translation>De la caisse %1 · daté %2, %3 d’avance · retenu depuis %4</translation>
    </message>
    <message>
        <source>Accept now</source>
        <translation>Accepter maintenant</translation>
    </message>
    <message>
        <source>Accept %1 now</source>
        <translation>Accepter %1 maintenant</translation>
    </message>
    <message>
        <source>No message is held.</source>
        <translation>Aucun message retenu.</translation>
    </message>
</context>
<context>
    <name>AdminLanguagePage</name>
    <message>
        <source>Language of this lane&apos;s screens</source>
        <translation>Langue des écrans de cette caisse</translation>
    </message>
</context>
<context>
    <name>AdminProductsPage</name>
    <message>
        <source>Barcode, SKU or name</source>
        <translation>Code-barres, SKU ou nom</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>+ New product</source>
        <translation>+ Nouveau produit</translation>
    </message>
    <message>
        <source>placeholder</source>
        <translation>provisoire</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No product found.</source>
        <translation>Aucun produit trouvé.</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Nouveau produit</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Modifier %1</translation>
    </message>
    <message>
        <source>Recorded from another lane&apos;s sale before this lane knew the product: check it, complete it and save.</source>
        <translation>Enregistré à partir d&apos;une vente d&apos;une autre caisse avant que cette caisse ne connaisse le produit : vérifiez-le, complétez-le et enregistrez-le.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>for example %1</source>
        <translation>par exemple %1</translation>
    </message>
    <message>
        <source>Tax rate %</source>
        <translation>Taux de taxe %</translation>
    </message>
    <message>
        <source>Tax rate in percent</source>
        <translation>Taux de taxe en pourcentage</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Catégorie</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>Codes-barres</translation>
    </message>
    <message>
        <source>one per line, or separated by commas</source>
        <translation>un par ligne, ou séparés par des virgules</translation>
    </message>
    <message>
        <source>Active (sold at the lanes)</source>
        <translation>Actif (vendu aux caisses)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>AdminReconcilePage</name>
    <message>
        <source>Inventory reconciliation</source>
        <translation>Rapprochement des stocks</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>running, started %1</source>
        <translation>en cours, lancé %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactif</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Dernier résultat</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Lanes asked</source>
        <translation>Caisses interrogées</translation>
    </message>
    <message>
        <source>%1 asked, %2 answered</source>
        <translation>%1 interrogées, %2 ont répondu</translation>
    </message>
    <message>
        <source>Products compared</source>
        <translation>Produits comparés</translation>
    </message>
    <message>
        <source>Differences found</source>
        <translation>Écarts trouvés</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolus</translation>
    </message>
    <message>
        <source>Checksum after</source>
        <translation>Somme de contrôle finale</translation>
    </message>
    <message>
        <source>Next scheduled run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <source>on demand only</source>
        <translation>à la demande uniquement</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Rapprocher maintenant</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Admin, lane %1</source>
        <translation>Administration, caisse %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Rapprochement</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflits</translation>
    </message>
    <message>
        <source>Cloud uploads</source>
        <translation>Envois cloud</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>Inventaire</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employés</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>Store time (%1)</source>
        <translation>Heure du magasin (%1)</translation>
    </message>
    <message>
        <source>Store time</source>
        <translation>Heure du magasin</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Produits</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Rapport Z</translation>
    </message>
    <message>
        <source>Store report</source>
        <translation>Rapport magasin</translation>
    </message>
</context>
<context>
    <name>AdminSettingsPage</name>
    <message>
        <source>Read only: change them in the settings file, the environment or on the command line, then restart the lane.</source>
        <translation>Lecture seule : modifiez-les dans le fichier de paramètres, l’environnement ou la ligne de commande, puis redémarrez la caisse.</translation>
    </message>
</context>
<context>
    <name>AdminStoreReportPage</name>
    <message>
        <source>Previous day</source>
        <translation>Jour précédent</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Jour suivant</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Every lane&apos;s sales of the day</source>
        <translation>Ventes du jour de toutes les caisses</translation>
    </message>
</context>
<context>
    <name>AdminZReportPage</name>
    <message>
        <source>The Z report closes the day: it takes every shift closed since the last one. Close the open shift first.</source>
        <translation>Le rapport Z clôture la journée : il reprend chaque service clôturé depuis le dernier. Clôturez d’abord le service ouvert.</translation>
    </message>
    <message>
        <source>Take Z report</source>
        <translation>Faire le rapport Z</translation>
    </message>
    <message>
        <source>Last Z reports</source>
        <translation>Derniers rapports Z</translation>
    </message>
    <message>
        <source>No Z report yet.</source>
        <translation>Aucun rapport Z pour l’instant.</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Rapport Z</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Accord du responsable</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>Barcode</name>
    <message>
        <source>A barcode has digits only.</source>
        <translation>Un code-barres ne contient que des chiffres.</translation>
    </message>
    <message>
        <source>A barcode has 12 (UPC-A) or 13 (EAN-13) digits, not %1.</source>
        <translation>Un code-barres a 12 (UPC-A) ou 13 (EAN-13) chiffres, pas %1.</translation>
    </message>
    <message>
        <source>Barcode %1 is misread (check digit). Scan it again or type it.</source>
        <translation>Le code-barres %1 est mal lu (clé de contrôle). Scannez-le à nouveau ou saisissez-le.</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <source>Payments are already taken; remove them before changing the cart.</source>
        <translation>Des paiements sont déjà enregistrés ; retirez-les avant de modifier le panier.</translation>
    </message>
    <message>
        <source>%1 is no longer sold.</source>
        <translation>%1 n’est plus en vente.</translation>
    </message>
    <message>
        <source>Quantity must be between 1 and %1.</source>
        <translation>La quantité doit être comprise entre 1 et %1.</translation>
    </message>
    <message>
        <source>The cart is full; complete this sale first.</source>
        <translation>Le panier est plein ; terminez d’abord cette vente.</translation>
    </message>
    <message>
        <source>No such cart line.</source>
        <translation>Cette ligne du panier n’existe pas.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>Le panier est vide.</translation>
    </message>
    <message>
        <source>The sale is already paid.</source>
        <translation>La vente est déjà payée.</translation>
    </message>
    <message>
        <source>Enter the cash amount received.</source>
        <translation>Saisissez le montant en espèces reçu.</translation>
    </message>
    <message>
        <source>That cash amount is not plausible.</source>
        <translation>Ce montant en espèces n’est pas plausible.</translation>
    </message>
    <message>
        <source>Enter the card amount.</source>
        <translation>Saisissez le montant par carte.</translation>
    </message>
    <message>
        <source>A card can pay at most the remaining %1.</source>
        <translation>La carte peut payer au plus le reste, %1.</translation>
    </message>
    <message>
        <source>No such payment.</source>
        <translation>Ce paiement n’existe pas.</translation>
    </message>
    <message>
        <source>That price is not plausible.</source>
        <translation>Ce prix n’est pas plausible.</translation>
    </message>
    <message>
        <source>A discount is between 0 and 100%.</source>
        <translation>Une remise est comprise entre 0 et 100 %.</translation>
    </message>
</context>
<context>
    <name>CartLineDelegate</name>
    <message>
        <source>%1 each</source>
        <translation>%1 l’unité</translation>
    </message>
    <message>
        <source>Fewer %1</source>
        <translation>Moins de %1</translation>
    </message>
    <message>
        <source>More %1</source>
        <translation>Plus de %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
    <message>
        <source>Change price or discount of %1</source>
        <translation>Modifier le prix ou la remise de %1</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>was %1</source>
        <translation>au lieu de %1</translation>
    </message>
    <message>
        <source>%1% off</source>
        <translation>-%1 %</translation>
    </message>
</context>
<context>
    <name>CashApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Accord du responsable</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>CatalogAdmin</name>
    <message>
        <source>Only a manager can change products.</source>
        <translation>Seul un responsable peut modifier les produits.</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>Ce produit n&apos;existe plus.</translation>
    </message>
    <message>
        <source>Enter a name of 1 to %1 characters.</source>
        <translation>Saisissez un nom de 1 à %1 caractères.</translation>
    </message>
    <message>
        <source>Enter a SKU of 1 to %1 characters without spaces.</source>
        <translation>Saisissez un SKU de 1 à %1 caractères sans espaces.</translation>
    </message>
    <message>
        <source>A category name has at most %1 characters.</source>
        <translation>Un nom de catégorie a au plus %1 caractères.</translation>
    </message>
    <message>
        <source>Enter a price of 0 or more.</source>
        <translation>Saisissez un prix de 0 ou plus.</translation>
    </message>
    <message>
        <source>The tax rate is between 0 and 100%.</source>
        <translation>Le taux de taxe est entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>Barcode %1: %2</source>
        <translation>Code-barres %1 : %2</translation>
    </message>
    <message>
        <source>A product has at most %1 barcodes.</source>
        <translation>Un produit a au plus %1 codes-barres.</translation>
    </message>
    <message>
        <source>SKU %1 belongs to %2.</source>
        <translation>Le SKU %1 appartient à %2.</translation>
    </message>
    <message>
        <source>Barcode %1 belongs to %2: remove it there first.</source>
        <translation>Le code-barres %1 appartient à %2 : retirez-le d&apos;abord de ce produit.</translation>
    </message>
    <message>
        <source>The product was saved but cannot be read back.</source>
        <translation>Le produit a été enregistré mais ne peut pas être relu.</translation>
    </message>
</context>
<context>
    <name>CatalogImporter</name>
    <message>
        <source>%1: cannot read catalog: %2</source>
        <translation>%1 : impossible de lire le catalogue : %2</translation>
    </message>
    <message>
        <source>%1: catalog larger than 64 MiB</source>
        <translation>%1 : catalogue de plus de 64 Mio</translation>
    </message>
    <message>
        <source>%1: a catalog is a .json or .csv file</source>
        <translation>%1 : un catalogue est un fichier .json ou .csv</translation>
    </message>
    <message>
        <source>%1: sku must be 1 to 64 characters</source>
        <translation>%1 : sku doit faire de 1 à 64 caractères</translation>
    </message>
    <message>
        <source>%1: name must be 1 to 200 characters</source>
        <translation>%1 : name doit faire de 1 à 200 caractères</translation>
    </message>
    <message>
        <source>%1: priceCents must be 0 to 100000000</source>
        <translation>%1 : priceCents doit être entre 0 et 100000000</translation>
    </message>
    <message>
        <source>%1: taxRateBp must be 0 to 10000</source>
        <translation>%1 : taxRateBp doit être entre 0 et 10000</translation>
    </message>
    <message>
        <source>%1: stock out of range</source>
        <translation>%1 : stock hors limites</translation>
    </message>
    <message>
        <source>%1: id must be a UUID</source>
        <translation>%1 : id doit être un UUID</translation>
    </message>
    <message>
        <source>%1: barcode &quot;%2&quot;: %3</source>
        <translation>%1 : code-barres « %2 » : %3</translation>
    </message>
    <message>
        <source>%1: not valid JSON at offset %2: %3</source>
        <translation>%1 : JSON non valide à la position %2 : %3</translation>
    </message>
    <message>
        <source>%1: expected an object with a &quot;products&quot; array</source>
        <translation>%1 : un objet avec une liste « products » est attendu</translation>
    </message>
    <message>
        <source>%1: every category needs a name</source>
        <translation>%1 : chaque catégorie doit avoir un nom</translation>
    </message>
    <message>
        <source>%1: product %2</source>
        <translation>%1 : produit %2</translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation>%1 : un objet est attendu</translation>
    </message>
    <message>
        <source>%1: priceCents and taxRateBp must be integers</source>
        <translation>%1 : priceCents et taxRateBp doivent être des entiers</translation>
    </message>
    <message>
        <source>%1: stock must be an integer</source>
        <translation>%1 : stock doit être un entier</translation>
    </message>
    <message>
        <source>%1: employee &quot;%2&quot; needs a UUID id, a name, role cashier or manager and a PIN of 4 to 8 digits</source>
        <translation>%1 : l’employé « %2 » doit avoir un id UUID, un nom, le rôle cashier ou manager et un code de 4 à 8 chiffres</translation>
    </message>
    <message>
        <source>%1: empty catalog</source>
        <translation>%1 : catalogue vide</translation>
    </message>
    <message>
        <source>%1: the header needs at least sku,name,priceCents,taxRateBp (optional: category,stock,barcodes,id)</source>
        <translation>%1 : l’en-tête doit contenir au moins sku,name,priceCents,taxRateBp (facultatif : category,stock,barcodes,id)</translation>
    </message>
    <message>
        <source>%1: line %2</source>
        <translation>%1 : ligne %2</translation>
    </message>
    <message>
        <source>SKU %1 appears twice in the catalog</source>
        <translation>Le SKU %1 apparaît deux fois dans le catalogue</translation>
    </message>
    <message>
        <source>barcode %1 belongs to two products</source>
        <translation>le code-barres %1 appartient à deux produits</translation>
    </message>
    <message>
        <source>SKU %1 already belongs to another product id in this lane</source>
        <translation>Le SKU %1 appartient déjà à un autre id de produit sur cette caisse</translation>
    </message>
</context>
<context>
    <name>CheckoutController</name>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Connectez-vous d’abord avec votre code.</translation>
    </message>
    <message>
        <source>The product lookup failed; try again.</source>
        <translation>La recherche du produit a échoué ; réessayez.</translation>
    </message>
    <message>
        <source>Barcode %1 is not in the catalog.</source>
        <translation>Le code-barres %1 n’est pas au catalogue.</translation>
    </message>
    <message>
        <source>That product is not in the catalog.</source>
        <translation>Ce produit n’est pas au catalogue.</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before adding items.</source>
        <translation>Terminez ou annulez le paiement avant d’ajouter des articles.</translation>
    </message>
    <message>
        <source>%1 added, %2</source>
        <translation>%1 ajouté, %2</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;.</source>
        <translation>Aucun résultat pour « %1 ».</translation>
    </message>
    <message>
        <source>Cart voided.</source>
        <translation>Panier annulé.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>Le panier est vide.</translation>
    </message>
    <message>
        <source>Payments are already taken; void the cart to start over.</source>
        <translation>Des paiements sont déjà enregistrés ; annulez le panier pour recommencer.</translation>
    </message>
    <message>
        <source>%1 still due.</source>
        <translation>Reste %1 à payer.</translation>
    </message>
    <message>
        <source>Sale %1 complete.</source>
        <translation>Vente %1 terminée.</translation>
    </message>
    <message>
        <source>Payment removed; %1 due.</source>
        <translation>Paiement retiré ; reste %1.</translation>
    </message>
    <message>
        <source>There is no completed sale to print.</source>
        <translation>Aucune vente terminée à imprimer.</translation>
    </message>
    <message>
        <source>The receipt could not be printed: %1</source>
        <translation>Le ticket n’a pas pu être imprimé : %1</translation>
    </message>
    <message>
        <source>Receipt saved as %1</source>
        <translation>Ticket enregistré sous %1</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before changing prices.</source>
        <translation>Terminez ou annulez le paiement avant de modifier les prix.</translation>
    </message>
    <message>
        <source>%1: %2% below the list price, over your limit of %3%. A manager approves with their PIN.</source>
        <translation>%1 : %2 % sous le prix catalogue, au-delà de votre limite de %3 %. Un responsable valide avec son code.</translation>
    </message>
    <message>
        <source>No such cart line.</source>
        <translation>Cette ligne du panier n’existe pas.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <source>Enter a discount from 0 to 100%.</source>
        <translation>Saisissez une remise de 0 à 100 %.</translation>
    </message>
    <message>
        <source>%1% off %2</source>
        <translation>-%1 % sur %2</translation>
    </message>
    <message>
        <source>%1% off the whole sale</source>
        <translation>-%1 % sur toute la vente</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>Code du responsable refusé.</translation>
    </message>
    <message>
        <source>That is beyond %1&apos;s limit of %2%.</source>
        <translation>Cela dépasse la limite de %1 (%2 %).</translation>
    </message>
    <message>
        <source>%1 (approved by %2)</source>
        <translation>%1 (validé par %2)</translation>
    </message>
    <message>
        <source>Price change cancelled.</source>
        <translation>Changement de prix annulé.</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before holding the cart.</source>
        <translation>Terminez ou annulez le paiement avant de mettre le panier en attente.</translation>
    </message>
    <message>
        <source>Cart held: %1. Recall it when the customer is back.</source>
        <translation>Panier en attente : %1. Reprenez-le au retour du client.</translation>
    </message>
    <message>
        <source>Finish or hold the current sale before recalling another.</source>
        <translation>Terminez ou mettez en attente la vente en cours avant d’en reprendre une autre.</translation>
    </message>
    <message>
        <source>Cart recalled: %1.</source>
        <translation>Panier repris : %1.</translation>
    </message>
    <message>
        <source>Held cart discarded.</source>
        <translation>Panier en attente supprimé.</translation>
    </message>
    <message>
        <source>The sale could not be read; try again.</source>
        <translation>La vente n’a pas pu être lue ; réessayez.</translation>
    </message>
    <message>
        <source>No sale with receipt %1 on this lane.</source>
        <translation>Aucune vente avec le ticket %1 sur cette caisse.</translation>
    </message>
    <message>
        <source>Sale %1 found.</source>
        <translation>Vente %1 trouvée.</translation>
    </message>
    <message>
        <source>Return %1: refund %2 %3 (approved by %4).</source>
        <translation>Retour %1 : remboursement de %2 %3 (validé par %4).</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>en espèces</translation>
    </message>
    <message>
        <source>to the card</source>
        <translation>sur la carte</translation>
    </message>
    <message>
        <source>The customer search failed; try again.</source>
        <translation>La recherche de client a échoué ; réessayez.</translation>
    </message>
    <message>
        <source>No customer matches &quot;%1&quot;.</source>
        <translation>Aucun client ne correspond à « %1 ».</translation>
    </message>
    <message>
        <source>Start a new sale first.</source>
        <translation>Commencez d’abord une nouvelle vente.</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Client : %1</translation>
    </message>
    <message>
        <source>The cash drawer did not open: %1</source>
        <translation>Le tiroir-caisse ne s’est pas ouvert : %1</translation>
    </message>
    <message>
        <source>Receipt %1:</source>
        <translation>Ticket %1 :</translation>
    </message>
    <message>
        <source>Receipt %1 sent to the printer.</source>
        <translation>Ticket %1 envoyé à l’imprimante.</translation>
    </message>
    <message>
        <source>The receipt could not be queued for the printer: %1</source>
        <translation>Le ticket n’a pas pu être mis en file d’attente pour l’imprimante : %1</translation>
    </message>
    <message>
        <source>The printer is offline: the receipt is queued.</source>
        <translation>L’imprimante est hors ligne : le ticket est en file d’attente.</translation>
    </message>
    <message>
        <source>The printer is out of paper: the receipt is queued.</source>
        <translation>L’imprimante n’a plus de papier : le ticket est en file d’attente.</translation>
    </message>
    <message>
        <source>The printer has a problem: the receipt is queued.</source>
        <translation>L’imprimante a un problème : le ticket est en file d’attente.</translation>
    </message>
    <message>
        <source>Saving sale %1…</source>
        <translation>Enregistrement de la vente %1…</translation>
    </message>
    <message>
        <source>Sale %1 is recorded, but the disk reported an error: call a manager before the next sale.</source>
        <translation>La vente %1 est enregistrée, mais le disque a signalé une erreur : appelez un responsable avant la prochaine vente.</translation>
    </message>
    <message>
        <source>Saving return %1…</source>
        <translation>Enregistrement du retour %1…</translation>
    </message>
    <message>
        <source>Return %1 is recorded, but the disk reported an error: call a manager.</source>
        <translation>Le retour %1 est enregistré, mais le disque a signalé une erreur : appelez un responsable.</translation>
    </message>
    <message>
        <source>The last sale is still being saved; one moment.</source>
        <translation>La dernière vente est encore en cours d’enregistrement ; un instant.</translation>
    </message>
    <message>
        <source>The disk reported an error: this lane cannot confirm sales. Call a manager.</source>
        <translation>Le disque a signalé une erreur : cette caisse ne peut pas confirmer les ventes. Appelez un responsable.</translation>
    </message>
</context>
<context>
    <name>CheckoutScreen</name>
    <message>
        <source>Lane %1</source>
        <translation>Caisse %1</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Scan or type a barcode, SKU or name</source>
        <translation>Scannez ou tapez code, SKU ou nom</translation>
    </message>
    <message>
        <source>Barcode, SKU or product name</source>
        <translation>Code-barres, SKU ou nom du produit</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Cart: 1 item</source>
        <translation>Panier : 1 article</translation>
    </message>
    <message>
        <source>Cart: %1 items</source>
        <translation>Panier : %1 articles</translation>
    </message>
    <message>
        <source>Scan an item to start a sale</source>
        <translation>Scannez un article pour commencer une vente</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Encaisser %1</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Held (%1)</source>
        <translation>En attente (%1)</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Attente</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Attach a customer</source>
        <translation>Associer un client</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Client %1</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Saving the sale…</source>
        <translation>Enregistrement de la vente…</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Nouveau client</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Phone or name</source>
        <translation>Téléphone ou nom</translation>
    </message>
    <message>
        <source>Customer phone or name</source>
        <translation>Téléphone ou nom du client</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>+ New customer</source>
        <translation>+ Nouveau client</translation>
    </message>
    <message>
        <source>Save and attach</source>
        <translation>Enregistrer et associer</translation>
    </message>
    <message>
        <source>Remove customer</source>
        <translation>Retirer le client</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>Enter the customer&apos;s name (up to 200 characters).</source>
        <translation>Saisissez le nom du client (200 caractères au plus).</translation>
    </message>
    <message>
        <source>A phone number has 7 to 15 digits.</source>
        <translation>Un numéro de téléphone a 7 à 15 chiffres.</translation>
    </message>
    <message>
        <source>That e-mail address does not look right.</source>
        <translation>Cette adresse e-mail ne semble pas correcte.</translation>
    </message>
    <message>
        <source>Enter a phone number or an e-mail address to find the customer again.</source>
        <translation>Saisissez un téléphone ou un e-mail pour retrouver le client.</translation>
    </message>
    <message>
        <source>%1 already has this phone number.</source>
        <translation>%1 a déjà ce numéro de téléphone.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
</context>
<context>
    <name>DenominationCounter</name>
    <message>
        <source>One less %1</source>
        <translation>Un %1 de moins</translation>
    </message>
    <message>
        <source>Number of %1</source>
        <translation>Nombre de %1</translation>
    </message>
    <message>
        <source>One more %1</source>
        <translation>Un %1 de plus</translation>
    </message>
</context>
<context>
    <name>EmployeeAdmin</name>
    <message>
        <source>Only a manager can change employees.</source>
        <translation>Seul un responsable peut modifier les employés.</translation>
    </message>
    <message>
        <source>Enter a name of 1 to 100 characters.</source>
        <translation>Saisissez un nom de 1 à 100 caractères.</translation>
    </message>
    <message>
        <source>The role is cashier or manager.</source>
        <translation>Le rôle est caissier ou responsable.</translation>
    </message>
    <message>
        <source>The discount limit is between 0 and 100%.</source>
        <translation>La limite de remise est comprise entre 0 et 100 %.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Un code a 4 à 8 chiffres.</translation>
    </message>
    <message>
        <source>This employee no longer exists.</source>
        <translation>Cet employé n’existe plus.</translation>
    </message>
    <message>
        <source>A new employee needs a PIN.</source>
        <translation>Un nouvel employé doit avoir un code.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself or take away your own manager role.</source>
        <translation>Vous ne pouvez pas vous désactiver ni retirer votre propre rôle de responsable.</translation>
    </message>
</context>
<context>
    <name>EmployeeSession</name>
    <message>
        <source>The lane cannot read its employee list. Call a manager.</source>
        <translation>La caisse ne peut pas lire la liste des employés. Appelez un responsable.</translation>
    </message>
    <message>
        <source>Unknown or inactive employee.</source>
        <translation>Employé inconnu ou inactif.</translation>
    </message>
    <message>
        <source>%1 is locked until %2 after too many wrong PINs. A manager can unlock.</source>
        <translation>%1 est bloqué jusqu’à %2 après trop de codes erronés. Un responsable peut débloquer.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 is locked for 30 minutes; a manager can unlock.</source>
        <translation>Code erroné. %1 est bloqué pendant 30 minutes ; un responsable peut débloquer.</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 attempt left before lockout.</source>
        <translation>Code erroné. Encore 1 essai avant le blocage.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 attempts left before lockout.</source>
        <translation>Code erroné. Encore %1 essais avant le blocage.</translation>
    </message>
    <message>
        <source>Welcome, %1.</source>
        <translation>Bienvenue, %1.</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>Code du responsable refusé.</translation>
    </message>
    <message>
        <source>A PIN has %1 to %2 digits.</source>
        <translation>Un code PIN comporte de %1 à %2 chiffres.</translation>
    </message>
</context>
<context>
    <name>HeldCarts</name>
    <message>
        <source>The cart is empty.</source>
        <translation>Le panier est vide.</translation>
    </message>
    <message>
        <source>Payments are already taken; a paid cart cannot be held.</source>
        <translation>Des paiements sont déjà enregistrés ; un panier payé ne peut pas être mis en attente.</translation>
    </message>
    <message>
        <source>That held cart is no longer here.</source>
        <translation>Ce panier en attente n’existe plus.</translation>
    </message>
    <message>
        <source>A product of this held cart is no longer in the catalog.</source>
        <translation>Un produit de ce panier en attente n’est plus au catalogue.</translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation>Paniers en attente</translation>
    </message>
    <message>
        <source>No cart is held on this lane.</source>
        <translation>Aucun panier en attente sur cette caisse.</translation>
    </message>
    <message>
        <source>%1 (held at %2)</source>
        <translation>%1 (mis en attente à %2)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Discard held cart %1</source>
        <translation>Supprimer le panier en attente %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <source>Locked after inactivity. Enter your PIN to continue.</source>
        <translation>Verrouillé après inactivité. Saisissez votre code pour continuer.</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Euphoria Lane</source>
        <translation>Euphoria Lane</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>Caisse %1</translation>
    </message>
    <message>
        <source>Who is selling?</source>
        <translation>Qui vend ?</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Caissier</translation>
    </message>
    <message>
        <source>Tap your name</source>
        <translation>Touchez votre nom</translation>
    </message>
    <message>
        <source>PIN for %1</source>
        <translation>Code de %1</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Euphoria Lane %1</source>
        <translation>Euphoria Lane %1</translation>
    </message>
</context>
<context>
    <name>MoneyFormat</name>
    <message>
        <source>&quot;%1&quot; is not an amount; type it like %2.</source>
        <translation>« %1 » n’est pas un montant ; saisissez-le comme %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is more than %2.</source>
        <translation>« %1 » dépasse %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; can be read two ways: type %2 or %3.</source>
        <translation>« %1 » peut se lire de deux façons : saisissez %2 ou %3.</translation>
    </message>
</context>
<context>
    <name>PayPanel</name>
    <message>
        <source>Amount due</source>
        <translation>Montant dû</translation>
    </message>
    <message>
        <source>Paid so far %1 of %2</source>
        <translation>Déjà payé %1 sur %2</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>Espèces reçues</translation>
    </message>
    <message>
        <source>Exact %1</source>
        <translation>Exact %1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>Carte %1</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Retour au panier</translation>
    </message>
    <message>
        <source>Amount received or to charge</source>
        <translation>Montant reçu ou à débiter</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Cash %1</source>
        <translation>Espèces %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <source>Remove payment %1</source>
        <translation>Retirer le paiement %1</translation>
    </message>
    <message>
        <source>Amount, e.g. %1</source>
        <translation>Montant (%1)</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>PIN, %1 digits entered</source>
        <translation>Code, %1 chiffres saisis</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>Saisissez le code</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <source>Printer ready</source>
        <translation>Imprimante prête</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Impression en cours</translation>
    </message>
    <message>
        <source>Printer offline</source>
        <translation>Imprimante hors ligne</translation>
    </message>
    <message>
        <source>Printer out of paper</source>
        <translation>Imprimante sans papier</translation>
    </message>
    <message>
        <source>Printer error: %1</source>
        <translation>Erreur de l’imprimante : %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Sale complete</source>
        <translation>Vente terminée</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Monnaie à rendre</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nouvelle vente</translation>
    </message>
    <message>
        <source>Print receipt (PDF)</source>
        <translation>Imprimer le ticket (PDF)</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Imprimer à nouveau</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Imprimer le ticket</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Enregistrer en PDF</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Store %1 · Lane %2</source>
        <translation>Magasin %1 · Caisse %2</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Ticket %1</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Caissier : %1</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Remise</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Sous-total</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Monnaie rendue</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Thank you for shopping with us!</source>
        <translation>Merci de votre visite !</translation>
    </message>
    <message>
        <source>Cannot create the folder for %1.</source>
        <translation>Impossible de créer le dossier de %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1 : %2</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Impossible d’écrire %1.</translation>
    </message>
    <message>
        <source>Return: amounts are refunded</source>
        <translation>Retour : montants remboursés</translation>
    </message>
</context>
<context>
    <name>ReportLayout</name>
    <message>
        <source>Over</source>
        <translation>Excédent</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Manque</translation>
    </message>
    <message>
        <source>Even</source>
        <translation>Juste</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventes</translation>
    </message>
    <message>
        <source>Sales (%1)</source>
        <translation>Ventes (%1)</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Remises</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>Ventes nettes</translation>
    </message>
    <message>
        <source>Returns (%1)</source>
        <translation>Retours (%1)</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Taxe</translation>
    </message>
    <message>
        <source>Tax %1%</source>
        <translation>Taxe %1 %</translation>
    </message>
    <message>
        <source>Total tax</source>
        <translation>Total des taxes</translation>
    </message>
    <message>
        <source>Total with tax</source>
        <translation>Total TTC</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Règlements</translation>
    </message>
    <message>
        <source>Cash (%1)</source>
        <translation>Espèces (%1)</translation>
    </message>
    <message>
        <source>Card (%1)</source>
        <translation>Carte (%1)</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Tiroir-caisse</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Fond de caisse</translation>
    </message>
    <message>
        <source>Paid in (%1)</source>
        <translation>Entrées (%1)</translation>
    </message>
    <message>
        <source>Paid out (%1)</source>
        <translation>Sorties (%1)</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Espèces attendues</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Compté</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articles</translation>
    </message>
    <message>
        <source>No-sale opens</source>
        <translation>Ouvertures sans vente</translation>
    </message>
    <message>
        <source>Voided carts (%1)</source>
        <translation>Paniers annulés (%1)</translation>
    </message>
    <message>
        <source>X report, lane %1</source>
        <translation>Rapport X, caisse %1</translation>
    </message>
    <message>
        <source>Shift report, lane %1</source>
        <translation>Rapport de service, caisse %1</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Ouvert par</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturé</translation>
    </message>
    <message>
        <source>Z report %1, lane %2</source>
        <translation>Rapport Z %1, caisse %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Établi le</translation>
    </message>
    <message>
        <source>Store report, %1</source>
        <translation>Rapport magasin, %1</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Caisses</translation>
    </message>
    <message>
        <source>Z reports</source>
        <translation>Rapports Z</translation>
    </message>
    <message>
        <source>Z %1, lane %2</source>
        <translation>Z %1, caisse %2</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>Caisse %1</translation>
    </message>
    <message>
        <source>Store total</source>
        <translation>Total magasin</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return items</source>
        <translation>Retour d’articles</translation>
    </message>
    <message>
        <source>Receipt number, e.g. L1-000042</source>
        <translation>Numéro de ticket, p. ex. L1-000042</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Numéro de ticket</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Chercher</translation>
    </message>
    <message>
        <source>Receipt %1 · total %2</source>
        <translation>Ticket %1 · total %2</translation>
    </message>
    <message>
        <source>%1 each · sold %2 · can return %3</source>
        <translation>%1 l’unité · vendus %2 · retournables %3</translation>
    </message>
    <message>
        <source>Fewer %1</source>
        <translation>Moins de %1</translation>
    </message>
    <message>
        <source>More %1</source>
        <translation>Plus de %1</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Espèces</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Carte</translation>
    </message>
    <message>
        <source>Units to return: %1. A manager approves.</source>
        <translation>Unités retournées : %1. Un responsable valide.</translation>
    </message>
    <message>
        <source>Choose the units coming back.</source>
        <translation>Choisissez les unités retournées.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>SaleService</name>
    <message>
        <source>Log in with your PIN to complete the sale.</source>
        <translation>Connectez-vous avec votre code pour terminer la vente.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>Le panier est vide.</translation>
    </message>
    <message>
        <source>The sale is not fully paid yet.</source>
        <translation>La vente n’est pas encore entièrement payée.</translation>
    </message>
    <message>
        <source>The sale could not be saved; the cart is kept. (%1)</source>
        <translation>La vente n’a pas pu être enregistrée ; le panier est conservé. (%1)</translation>
    </message>
    <message>
        <source>Log in with your PIN to take a return.</source>
        <translation>Connectez-vous avec votre code pour prendre un retour.</translation>
    </message>
    <message>
        <source>A return needs a manager&apos;s approval.</source>
        <translation>Un retour nécessite l’accord d’un responsable.</translation>
    </message>
    <message>
        <source>Refund in cash or to the card.</source>
        <translation>Remboursez en espèces ou sur la carte.</translation>
    </message>
    <message>
        <source>The return could not be saved. (%1)</source>
        <translation>Le retour n’a pas pu être enregistré. (%1)</translation>
    </message>
    <message>
        <source>That sale is not on this lane.</source>
        <translation>Cette vente n’est pas sur cette caisse.</translation>
    </message>
    <message>
        <source>Return quantities are whole numbers of units.</source>
        <translation>Les quantités retournées sont des nombres entiers d’unités.</translation>
    </message>
    <message>
        <source>%1: at most %2 can still be returned.</source>
        <translation>%1 : au plus %2 peuvent encore être retournés.</translation>
    </message>
    <message>
        <source>That sale has no line %1.</source>
        <translation>Cette vente n’a pas de ligne %1.</translation>
    </message>
    <message>
        <source>Choose at least one unit to return.</source>
        <translation>Choisissez au moins une unité à retourner.</translation>
    </message>
    <message>
        <source>No shift is open on this lane: open a shift (count the float) before selling.</source>
        <translation>Aucun service n’est ouvert sur cette caisse : ouvrez un service (comptez le fond de caisse) avant de vendre.</translation>
    </message>
    <message>
        <source>No shift is open on this lane: open a shift (count the float) before taking a return.</source>
        <translation>Aucun service n’est ouvert sur cette caisse : ouvrez un service (comptez le fond de caisse) avant de prendre un retour.</translation>
    </message>
</context>
<context>
    <name>ShiftController</name>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Connectez-vous d’abord avec votre code.</translation>
    </message>
    <message>
        <source>Only a manager can see this report.</source>
        <translation>Seul un responsable peut voir ce rapport.</translation>
    </message>
    <message>
        <source>Shift open with a float of %1.</source>
        <translation>Service ouvert avec un fond de caisse de %1.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Saisissez un motif.</translation>
    </message>
    <message>
        <source>Paid in %1: above the limit of %2.</source>
        <translation>Entrée de %1 : au-delà de la limite de %2.</translation>
    </message>
    <message>
        <source>Paid out %1: above the limit of %2.</source>
        <translation>Sortie de %1 : au-delà de la limite de %2.</translation>
    </message>
    <message>
        <source>Paid in %1: %2.</source>
        <translation>Entrée de %1 : %2.</translation>
    </message>
    <message>
        <source>Paid out %1: %2.</source>
        <translation>Sortie de %1 : %2.</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>Code du responsable refusé.</translation>
    </message>
    <message>
        <source>Drawer opened (no sale).</source>
        <translation>Tiroir ouvert (sans vente).</translation>
    </message>
    <message>
        <source>Finish the count first.</source>
        <translation>Terminez d’abord le comptage.</translation>
    </message>
    <message>
        <source>No shift is open on this lane.</source>
        <translation>Aucun service n’est ouvert sur cette caisse.</translation>
    </message>
    <message>
        <source>Count the drawer first.</source>
        <translation>Comptez d’abord le tiroir.</translation>
    </message>
    <message>
        <source>No such Z report.</source>
        <translation>Rapport Z introuvable.</translation>
    </message>
    <message>
        <source>Z %1</source>
        <translation>Z %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 au %2</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>Affichez d’abord un rapport.</translation>
    </message>
    <message>
        <source>Z report %1 taken; it was not printed: %2</source>
        <translation>Rapport Z %1 établi ; il n’a pas été imprimé : %2</translation>
    </message>
    <message>
        <source>Z report %1 taken. %2</source>
        <translation>Rapport Z %1 établi. %2</translation>
    </message>
    <message>
        <source>The report could not be sent to the printer: %1</source>
        <translation>Le rapport n’a pas pu être envoyé à l’imprimante : %1</translation>
    </message>
    <message>
        <source>The printer is not ready: the report is queued (%1).</source>
        <translation>L’imprimante n’est pas prête : le rapport est en attente (%1).</translation>
    </message>
    <message>
        <source>The report is printing.</source>
        <translation>Le rapport s’imprime.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>Le rapport n’a pas pu être enregistré : %1</translation>
    </message>
    <message>
        <source>Report saved as %1</source>
        <translation>Rapport enregistré sous %1</translation>
    </message>
    <message>
        <source>Z report %1 is recorded, but the disk reported an error: it was not printed.</source>
        <translation>Le rapport Z %1 est enregistré, mais le disque a signalé une erreur : il n’a pas été imprimé.</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>Shift, lane %1</source>
        <translation>Service, caisse %1</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Back to checkout</source>
        <translation>Retour à la caisse</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Déconnexion</translation>
    </message>
    <message>
        <source>Open shift: count the float</source>
        <translation>Ouvrir le service : comptez le fond de caisse</translation>
    </message>
    <message>
        <source>Close shift: count the drawer</source>
        <translation>Clôturer le service : comptez le tiroir</translation>
    </message>
    <message>
        <source>Count the notes and coins you start with.</source>
        <translation>Comptez les billets et les pièces de départ.</translation>
    </message>
    <message>
        <source>Count every note and coin in the drawer. What the drawer should hold is shown after you close.</source>
        <translation>Comptez chaque billet et chaque pièce du tiroir. Le montant attendu s’affiche après la clôture.</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Compté</translation>
    </message>
    <message>
        <source>Or type the amount</source>
        <translation>Ou saisissez le montant</translation>
    </message>
    <message>
        <source>Amount counted</source>
        <translation>Montant compté</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Ouvrir le service</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Clôturer le service</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Ouvert par</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Depuis</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Fond de caisse</translation>
    </message>
    <message>
        <source>Cash in or out</source>
        <translation>Entrée ou sortie d’espèces</translation>
    </message>
    <message>
        <source>Above %1 a manager approves with their PIN.</source>
        <translation>Au-delà de %1, un responsable valide avec son code.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Sans vente</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>Rapport X</translation>
    </message>
    <message>
        <source>Close shift and count the drawer</source>
        <translation>Clôturer et compter le tiroir</translation>
    </message>
    <message>
        <source>The running totals of this shift: tap X report.</source>
        <translation>Les totaux en cours de ce service : touchez Rapport X.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimer</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>Service clôturé</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Attendu</translation>
    </message>
    <message>
        <source>The drawer holds less than it should. A manager sees the difference in the shift report.</source>
        <translation>Le tiroir contient moins que prévu. Un responsable voit l’écart dans le rapport de service.</translation>
    </message>
    <message>
        <source>The drawer holds more than it should. A manager sees the difference in the shift report.</source>
        <translation>Le tiroir contient plus que prévu. Un responsable voit l’écart dans le rapport de service.</translation>
    </message>
    <message>
        <source>The drawer holds exactly what it should.</source>
        <translation>Le tiroir contient exactement ce qu’il faut.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Rapport de service</translation>
    </message>
    <message>
        <source>Current shift</source>
        <translation>Service en cours</translation>
    </message>
</context>
<context>
    <name>Shifts</name>
    <message>
        <source>A count must be a number of notes or coins.</source>
        <translation>Un comptage est un nombre de billets ou de pièces.</translation>
    </message>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Connectez-vous d’abord avec votre code.</translation>
    </message>
    <message>
        <source>A shift is already open on this lane.</source>
        <translation>Un service est déjà ouvert sur cette caisse.</translation>
    </message>
    <message>
        <source>The float must be an amount of zero or more.</source>
        <translation>Le fond de caisse doit être un montant positif ou nul.</translation>
    </message>
    <message>
        <source>No shift is open on this lane.</source>
        <translation>Aucun service n’est ouvert sur cette caisse.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Saisissez un montant supérieur à zéro.</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Saisissez un motif.</translation>
    </message>
    <message>
        <source>An amount above the limit needs another manager&apos;s approval.</source>
        <translation>Un montant au-delà de la limite nécessite l’accord d’un autre responsable.</translation>
    </message>
    <message>
        <source>The reason is too long (at most 200 characters).</source>
        <translation>Le motif est trop long (200 caractères au plus).</translation>
    </message>
    <message>
        <source>Enter an amount of zero or more.</source>
        <translation>Saisissez un montant positif ou nul.</translation>
    </message>
    <message>
        <source>No such shift.</source>
        <translation>Service introuvable.</translation>
    </message>
    <message>
        <source>The count must be an amount of zero or more.</source>
        <translation>Le comptage doit être un montant positif ou nul.</translation>
    </message>
    <message>
        <source>Only a manager can take the Z report.</source>
        <translation>Seul un responsable peut faire le rapport Z.</translation>
    </message>
    <message>
        <source>Close the open shift (count the drawer) before the Z report.</source>
        <translation>Clôturez le service ouvert (comptez le tiroir) avant le rapport Z.</translation>
    </message>
    <message>
        <source>There is no closed shift since the last Z report.</source>
        <translation>Aucun service clôturé depuis le dernier rapport Z.</translation>
    </message>
    <message>
        <source>Choose a day.</source>
        <translation>Choisissez un jour.</translation>
    </message>
    <message>
        <source>This shift holds %1 cash movements, the most one shift can: close it (count the drawer) and open a new one.</source>
        <translation>Ce service compte %1 mouvements d’espèces, le maximum pour un service : clôturez-le (comptez le tiroir) et ouvrez-en un nouveau.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>All synced</source>
        <translation>Tout est synchronisé</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en attente</numerusform>
            <numerusform>%n en attente</numerusform>
        </translation>
    </message>
    <message>
        <source>This lane only</source>
        <translation>Cette caisse seulement</translation>
    </message>
    <message>
        <source>Offline: selling normally</source>
        <translation>Hors ligne : la vente continue</translation>
    </message>
</context>
<context>
    <name>SyncStatusController</name>
    <message>
        <source>Only a manager can do this.</source>
        <translation>Seul un responsable peut faire cela.</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>Échec de la relance : %1</translation>
    </message>
    <message>
        <source>Reconciliation started.</source>
        <translation>Rapprochement lancé.</translation>
    </message>
    <message>
        <source>A reconciliation is already running.</source>
        <translation>Un rapprochement est déjà en cours.</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages queued for upload again: %n.</source>
        <translation>
            <numerusform>Messages en échec remis en file d’envoi : %n.</numerusform>
            <numerusform>Messages en échec remis en file d’envoi : %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>the cloud&apos;s time</source>
        <translation>l’heure du cloud</translation>
    </message>
    <message>
        <source>the other lanes&apos; clocks</source>
        <translation>les horloges des autres caisses</translation>
    </message>
    <message>
        <source>This lane&apos;s clock is %1 ahead of the store&apos;s time (by %2).</source>
        <translation>L’horloge de cette caisse avance de %1 sur l’heure du magasin (selon %2).</translation>
    </message>
    <message>
        <source>This lane&apos;s clock is %1 behind the store&apos;s time (by %2).</source>
        <translation>L’horloge de cette caisse retarde de %1 sur l’heure du magasin (selon %2).</translation>
    </message>
    <message>
        <source>Sales carry the store&apos;s time; have this lane&apos;s clock set right.</source>
        <translation>Les ventes portent l’heure du magasin ; faites mettre l’horloge de cette caisse à l’heure.</translation>
    </message>
    <message>
        <source>Lane %1&apos;s clock is %2 ahead of the store&apos;s time.</source>
        <translation>L’horloge de la caisse %1 avance de %2 sur l’heure du magasin.</translation>
    </message>
    <message>
        <source>Lane %1&apos;s clock is %2 behind the store&apos;s time.</source>
        <translation>L’horloge de la caisse %1 retarde de %2 sur l’heure du magasin.</translation>
    </message>
    <message numerus="yes">
        <source>Messages from other lanes held: %n, stamped too far ahead of the store&apos;s time. A manager can accept them on the admin screen.</source>
        <translation>
            <numerusform>Messages d’autres caisses retenus : %n, datés trop en avance sur l’heure du magasin. Un responsable peut les accepter sur l’écran d’administration.</numerusform>
            <numerusform>Messages d’autres caisses retenus : %n, datés trop en avance sur l’heure du magasin. Un responsable peut les accepter sur l’écran d’administration.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 jours</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>1 receipt waiting</source>
        <translation>1 ticket en attente</translation>
    </message>
    <message>
        <source>%1 receipts waiting</source>
        <translation>%1 tickets en attente</translation>
    </message>
</context>
<context>
    <name>SyncStatusScreen</name>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Sync status, lane %1</source>
        <translation>État de synchronisation, caisse %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Peer lanes: %1 of %2 connected</source>
        <translation>Autres caisses : %1 sur %2 connectées</translation>
    </message>
    <message>
        <source>Peer lanes</source>
        <translation>Autres caisses</translation>
    </message>
    <message>
        <source>Peer sync is off: %1</source>
        <translation>La synchronisation entre caisses est désactivée : %1</translation>
    </message>
    <message>
        <source>Peer sync is off on this lane.</source>
        <translation>La synchronisation entre caisses est désactivée sur cette caisse.</translation>
    </message>
    <message>
        <source>No peer lane has connected yet.</source>
        <translation>Aucune autre caisse ne s’est encore connectée.</translation>
    </message>
    <message>
        <source>Lane %1: %2</source>
        <translation>Caisse %1 : %2</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>Caisse %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>connectée</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>refused (store key or version)</source>
        <translation>refusée (clé du magasin ou version)</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>injoignable</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Vue pour la dernière fois %1</translation>
    </message>
    <message>
        <source>down since %1</source>
        <translation>hors service depuis %1</translation>
    </message>
    <message>
        <source>not acked</source>
        <translation>non confirmés</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rejetés</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>File d’envoi</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>at a peer</source>
        <translation>chez une caisse</translation>
    </message>
    <message>
        <source>in the cloud</source>
        <translation>dans le cloud</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>off (no Supabase settings)</source>
        <translation>désactivé (pas de paramètres Supabase)</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>joignable</translation>
    </message>
    <message>
        <source>not syncing</source>
        <translation>pas de synchronisation</translation>
    </message>
    <message>
        <source>no upload yet</source>
        <translation>aucun envoi pour l’instant</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Dernière synchronisation réussie</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Dernière erreur</translation>
    </message>
    <message>
        <source>Inventory reconciliation</source>
        <translation>Rapprochement des stocks</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Dernière exécution</translation>
    </message>
    <message>
        <source>%1: %2, %3 differences, %4 resolved</source>
        <translation>%1 : %2, %3 écarts, %4 résolus</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>pas encore exécuté</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prochaine exécution</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Rapprocher maintenant</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Horloge</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message numerus="yes">
        <source>Retry failed uploads (%n)</source>
        <translation>
            <numerusform>Relancer les envois en échec (%n)</numerusform>
            <numerusform>Relancer les envois en échec (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>on demand only</source>
        <translation>à la demande uniquement</translation>
    </message>
    <message>
        <source>encrypted, store key %1</source>
        <translation>chiffré, clé du magasin %1</translation>
    </message>
    <message>
        <source>Not encrypted: this link is plaintext by the store&apos;s choice; anyone on the network can read and alter it</source>
        <translation>Non chiffré : ce lien est en clair par choix du magasin ; toute personne sur le réseau peut le lire et le modifier</translation>
    </message>
</context>
<context>
    <name>UiShell</name>
    <message>
        <source>Change from the safe</source>
        <translation>Monnaie du coffre</translation>
    </message>
    <message>
        <source>Window cleaning</source>
        <translation>Nettoyage des vitres</translation>
    </message>
</context>
</TS>
