<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Discount on the whole sale</source>
        <translation>Descuento en toda la venta</translation>
    </message>
    <message>
        <source>New price (now %1)</source>
        <translation>Precio nuevo (ahora %1)</translation>
    </message>
    <message>
        <source>New unit price</source>
        <translation>Precio unitario nuevo</translation>
    </message>
    <message>
        <source>Set price</source>
        <translation>Fijar precio</translation>
    </message>
    <message>
        <source>Discount %, e.g. 10</source>
        <translation>Descuento %, p. ej. 10</translation>
    </message>
    <message>
        <source>Discount in percent</source>
        <translation>Descuento en porcentaje</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>AdminConflictsPage</name>
    <message>
        <source>Differences reconciliation resolved by the latest stock figure. Set the right count to override.</source>
        <translation>Diferencias que la conciliación resolvió con la cifra de existencias más reciente. Indique el recuento correcto para corregirla.</translation>
    </message>
    <message>
        <source>Here %1 (%2) · lane %3: %4 (%5)</source>
        <translation>Aquí %1 (%2) · caja %3: %4 (%5)</translation>
    </message>
    <message>
        <source>Chosen %1, overridden to %2 by %3 at %4</source>
        <translation>Elegido %1, corregido a %2 por %3 el %4</translation>
    </message>
    <message>
        <source>Chosen %1 (lane %2) at %3</source>
        <translation>Elegido %1 (caja %2) el %3</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>Recuento</translation>
    </message>
    <message>
        <source>Correct stock for %1</source>
        <translation>Existencias correctas de %1</translation>
    </message>
    <message>
        <source>Override</source>
        <translation>Corregir</translation>
    </message>
    <message>
        <source>No conflicts: every reconciliation so far agreed.</source>
        <translation>Sin conflictos: todas las conciliaciones coincidieron.</translation>
    </message>
</context>
<context>
    <name>AdminController</name>
    <message>
        <source>Reconciliation: %1. %2 products compared, %3 differences, %4 resolved.</source>
        <translation>Conciliación: %1. %2 productos comparados, %3 diferencias, %4 resueltas.</translation>
    </message>
    <message>
        <source>Only a manager can do this.</source>
        <translation>Solo un gerente puede hacer esto.</translation>
    </message>
    <message>
        <source>Reconciliation started.</source>
        <translation>Conciliación iniciada.</translation>
    </message>
    <message>
        <source>A reconciliation is already running.</source>
        <translation>Ya hay una conciliación en curso.</translation>
    </message>
    <message>
        <source>Enter the stock as a whole number, 0 or more.</source>
        <translation>Introduzca las existencias como número entero, 0 o más.</translation>
    </message>
    <message>
        <source>The override was not saved: %1</source>
        <translation>La corrección no se guardó: %1</translation>
    </message>
    <message>
        <source>Stock set to %1 by %2; every lane receives it.</source>
        <translation>Existencias fijadas en %1 por %2; todas las cajas lo reciben.</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>El reintento falló: %1</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;.</source>
        <translation>Nada coincide con «%1».</translation>
    </message>
    <message>
        <source>Enter the count as a whole number, 0 or more.</source>
        <translation>Introduzca el recuento como número entero, 0 o más.</translation>
    </message>
    <message>
        <source>Choose a product first.</source>
        <translation>Elija primero un producto.</translation>
    </message>
    <message>
        <source>The count was not saved: %1</source>
        <translation>El recuento no se guardó: %1</translation>
    </message>
    <message>
        <source>%1: stock counted at %2.</source>
        <translation>%1: existencias contadas en %2.</translation>
    </message>
    <message>
        <source>The discount limit is between 0 and 100%.</source>
        <translation>El límite de descuento está entre 0 y 100 %.</translation>
    </message>
    <message>
        <source>%1 added.</source>
        <translation>%1 añadido.</translation>
    </message>
    <message>
        <source>%1 saved.</source>
        <translation>%1 guardado.</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>aún no se ha ejecutado</translation>
    </message>
    <message>
        <source>all lanes agree</source>
        <translation>todas las cajas coinciden</translation>
    </message>
    <message>
        <source>differences resolved</source>
        <translation>diferencias resueltas</translation>
    </message>
    <message>
        <source>some messages still missing</source>
        <translation>aún faltan algunos mensajes</translation>
    </message>
    <message>
        <source>some figures rest on no message and were left as they are</source>
        <translation>algunas cifras no se apoyan en ningún mensaje y se dejaron como estaban</translation>
    </message>
    <message>
        <source>no other lane connected</source>
        <translation>ninguna otra caja conectada</translation>
    </message>
    <message>
        <source>no other lane answered</source>
        <translation>ninguna otra caja respondió</translation>
    </message>
    <message>
        <source>failed (%1)</source>
        <translation>falló (%1)</translation>
    </message>
    <message>
        <source>%1; no answer from %2</source>
        <translation>%1; sin respuesta de %2</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages queued for upload again: %n.</source>
        <translation>
            <numerusform>Mensajes fallidos en cola para subirse de nuevo: %n.</numerusform>
            <numerusform>Mensajes fallidos en cola para subirse de nuevo: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Return %1, %2</source>
        <translation>Devolución %1, %2</translation>
    </message>
    <message>
        <source>Sale %1, %2</source>
        <translation>Venta %1, %2</translation>
    </message>
    <message>
        <source>Stock count: %1, %2 on the shelf</source>
        <translation>Recuento: %1, %2 en el estante</translation>
    </message>
    <message>
        <source>Stock of %1 set to %2</source>
        <translation>Existencias de %1 fijadas en %2</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <source>Employee %1</source>
        <translation>Empleado %1</translation>
    </message>
    <message>
        <source>The message was not accepted: %1</source>
        <translation>El mensaje no se aceptó: %1</translation>
    </message>
    <message>
        <source>Accepted by %1: applied now, on every lane.</source>
        <translation>Aceptado por %1: aplicado ahora, en todas las cajas.</translation>
    </message>
    <message>
        <source>The products could not be read: %1</source>
        <translation>No se pudieron leer los productos: %1</translation>
    </message>
    <message>
        <source>Enter the tax rate in percent, from 0 to 100, for example 8.25.</source>
        <translation>Escriba el impuesto en porcentaje, de 0 a 100, por ejemplo 8,25.</translation>
    </message>
    <message>
        <source>Price: %1</source>
        <translation>Precio: %1</translation>
    </message>
</context>
<context>
    <name>AdminCountPage</name>
    <message>
        <source>Find the product by barcode, SKU or name, then enter what is on the shelf. Every lane receives the count.</source>
        <translation>Busque el producto por código de barras, SKU o nombre e introduzca lo que hay en el estante. Todas las cajas reciben el recuento.</translation>
    </message>
    <message>
        <source>Barcode, SKU or name</source>
        <translation>Código de barras, SKU o nombre</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>%1 (%2): %3 in stock</source>
        <translation>%1 (%2): %3 en existencias</translation>
    </message>
    <message>
        <source>Count for %1</source>
        <translation>Recuento de %1</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>Unidades</translation>
    </message>
    <message>
        <source>Units on the shelf</source>
        <translation>Unidades en el estante</translation>
    </message>
    <message>
        <source>Save count</source>
        <translation>Guardar recuento</translation>
    </message>
</context>
<context>
    <name>AdminEmployeesPage</name>
    <message>
        <source>+ New employee</source>
        <translation>+ Nuevo empleado</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gerente</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>bloqueado</translation>
    </message>
    <message>
        <source>New employee</source>
        <translation>Nuevo empleado</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <source>4 to 8 digits</source>
        <translation>de 4 a 8 dígitos</translation>
    </message>
    <message>
        <source>leave empty to keep</source>
        <translation>vacío para conservar</translation>
    </message>
    <message>
        <source>Discount limit %</source>
        <translation>Límite de descuento %</translation>
    </message>
    <message>
        <source>Discount limit in percent</source>
        <translation>Límite de descuento en porcentaje</translation>
    </message>
    <message>
        <source>Active (can log in)</source>
        <translation>Activo (puede iniciar sesión)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>AdminFailedPage</name>
    <message>
        <source>Cloud sync is off on this lane (no supabaseUrl and key).</source>
        <translation>La sincronización con la nube está desactivada en esta caja (sin supabaseUrl ni clave).</translation>
    </message>
    <message>
        <source>No failed uploads.</source>
        <translation>No hay envíos fallidos.</translation>
    </message>
    <message>
        <source>Messages the cloud refused after every retry. Fix the cause, then retry them.</source>
        <translation>Mensajes que la nube rechazó tras todos los reintentos. Corrija la causa y vuelva a intentarlo.</translation>
    </message>
    <message numerus="yes">
        <source>Retry failed uploads (%n)</source>
        <translation>
            <numerusform>Reintentar envíos fallidos (%n)</numerusform>
            <numerusform>Reintentar envíos fallidos (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 · tries: %n
%3</source>
        <translation>
            <numerusform>%1 · %2 · intentos: %n
%3</numerusform>
            <numerusform>%1 · %2 · intentos: %n
%3</numerusform>
        </translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>sin motivo indicado</translation>
    </message>
</context>
<context>
    <name>AdminHeldPage</name>
    <message>
        <source>Every lane&apos;s clock agrees with the store&apos;s time.</source>
        <translation>El reloj de cada caja coincide con la hora de la tienda.</translation>
    </message>
    <message>
        <source>A message stamped too far ahead of the store&apos;s time is kept here instead of changing stock with a time that has not come. It is applied by itself when its time comes; accept it to apply it now, on every lane.</source>
        <translation>Un mensaje fechado demasiado por delante de la hora de la tienda se guarda aquí en lugar de cambiar las existencias con una hora que aún no ha llegado. Se aplica solo cuando llega su hora; acéptelo para aplicarlo ahora, en todas las cajas.</translation>
    </message>
    <message>
        <source>From lane %1 · stamped %2, %3 ahead · held since %4</source>
        <translation>De la caja %1 · fechado %2, %3 por delante · retenido desde %4</translation>
    </message>
    <message>
        <source>Accept now</source>
        <translation>Aceptar ahora</translation>
    </message>
    <message>
        <source>Accept %1 now</source>
        <translation>Aceptar %1 ahora</translation>
    </message>
    <message>
        <source>No message is held.</source>
        <translation>No hay mensajes retenidos.</translation>
    </message>
</context>
<context>
    <name>AdminLanguagePage</name>
    <message>
        <source>Language of this lane&apos;s screens</source>
        <translation>Idioma de las pantallas de esta caja</translation>
    </message>
</context>
<context>
    <name>AdminProductsPage</name>
    <message>
        <source>Barcode, SKU or name</source>
        <translation>Código de barras, SKU o nombre</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>+ New product</source>
        <translation>+ Nuevo producto</translation>
    </message>
    <message>
        <source>placeholder</source>
        <translation>provisional</translation>
    </message>
    <message>
        <source>inactive</source>
        <translation>inactivo</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No product found.</source>
        <translation>No se encontró ningún producto.</translation>
    </message>
    <message>
        <source>New product</source>
        <translation>Nuevo producto</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>Editar %1</translation>
    </message>
    <message>
        <source>Recorded from another lane&apos;s sale before this lane knew the product: check it, complete it and save.</source>
        <translation>Registrado a partir de una venta de otra caja antes de que esta caja conociera el producto: revíselo, complételo y guárdelo.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Precio</translation>
    </message>
    <message>
        <source>for example %1</source>
        <translation>por ejemplo %1</translation>
    </message>
    <message>
        <source>Tax rate %</source>
        <translation>Impuesto %</translation>
    </message>
    <message>
        <source>Tax rate in percent</source>
        <translation>Impuesto en porcentaje</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Categoría</translation>
    </message>
    <message>
        <source>Barcodes</source>
        <translation>Códigos de barras</translation>
    </message>
    <message>
        <source>one per line, or separated by commas</source>
        <translation>uno por línea, o separados por comas</translation>
    </message>
    <message>
        <source>Active (sold at the lanes)</source>
        <translation>Activo (se vende en las cajas)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Guardar</translation>
    </message>
</context>
<context>
    <name>AdminReconcilePage</name>
    <message>
        <source>Inventory reconciliation</source>
        <translation>Conciliación de inventario</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>running, started %1</source>
        <translation>en curso, iniciada %1</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>inactiva</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Último resultado</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Terminada</translation>
    </message>
    <message>
        <source>Lanes asked</source>
        <translation>Cajas consultadas</translation>
    </message>
    <message>
        <source>%1 asked, %2 answered</source>
        <translation>%1 consultadas, %2 respondieron</translation>
    </message>
    <message>
        <source>Products compared</source>
        <translation>Productos comparados</translation>
    </message>
    <message>
        <source>Differences found</source>
        <translation>Diferencias halladas</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Resueltas</translation>
    </message>
    <message>
        <source>Checksum after</source>
        <translation>Suma de control final</translation>
    </message>
    <message>
        <source>Next scheduled run</source>
        <translation>Próxima ejecución</translation>
    </message>
    <message>
        <source>on demand only</source>
        <translation>solo a petición</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Conciliar ahora</translation>
    </message>
</context>
<context>
    <name>AdminScreen</name>
    <message>
        <source>Admin, lane %1</source>
        <translation>Administración, caja %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Conciliación</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Conflictos</translation>
    </message>
    <message>
        <source>Cloud uploads</source>
        <translation>Envíos a la nube</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>Recuento</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Empleados</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <source>Store time (%1)</source>
        <translation>Hora de la tienda (%1)</translation>
    </message>
    <message>
        <source>Store time</source>
        <translation>Hora de la tienda</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Productos</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Informe Z</translation>
    </message>
    <message>
        <source>Store report</source>
        <translation>Informe de tienda</translation>
    </message>
</context>
<context>
    <name>AdminSettingsPage</name>
    <message>
        <source>Read only: change them in the settings file, the environment or on the command line, then restart the lane.</source>
        <translation>Solo lectura: cámbielos en el archivo de ajustes, el entorno o la línea de órdenes y reinicie la caja.</translation>
    </message>
</context>
<context>
    <name>AdminStoreReportPage</name>
    <message>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Every lane&apos;s sales of the day</source>
        <translation>Ventas del día de todas las cajas</translation>
    </message>
</context>
<context>
    <name>AdminZReportPage</name>
    <message>
        <source>The Z report closes the day: it takes every shift closed since the last one. Close the open shift first.</source>
        <translation>El informe Z cierra el día: recoge cada turno cerrado desde el último. Cierre primero el turno abierto.</translation>
    </message>
    <message>
        <source>Take Z report</source>
        <translation>Sacar el informe Z</translation>
    </message>
    <message>
        <source>Last Z reports</source>
        <translation>Últimos informes Z</translation>
    </message>
    <message>
        <source>No Z report yet.</source>
        <translation>Aún no hay ningún informe Z.</translation>
    </message>
    <message>
        <source>Z report</source>
        <translation>Informe Z</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Aprobación del gerente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Barcode</name>
    <message>
        <source>A barcode has digits only.</source>
        <translation>Un código de barras solo tiene dígitos.</translation>
    </message>
    <message>
        <source>A barcode has 12 (UPC-A) or 13 (EAN-13) digits, not %1.</source>
        <translation>Un código de barras tiene 12 (UPC-A) o 13 (EAN-13) dígitos, no %1.</translation>
    </message>
    <message>
        <source>Barcode %1 is misread (check digit). Scan it again or type it.</source>
        <translation>El código %1 se leyó mal (dígito de control). Escanéelo de nuevo o escríbalo.</translation>
    </message>
</context>
<context>
    <name>Cart</name>
    <message>
        <source>Payments are already taken; remove them before changing the cart.</source>
        <translation>Ya hay pagos registrados; quítelos antes de cambiar el carrito.</translation>
    </message>
    <message>
        <source>%1 is no longer sold.</source>
        <translation>%1 ya no se vende.</translation>
    </message>
    <message>
        <source>Quantity must be between 1 and %1.</source>
        <translation>La cantidad debe estar entre 1 y %1.</translation>
    </message>
    <message>
        <source>The cart is full; complete this sale first.</source>
        <translation>El carrito está lleno; termine primero esta venta.</translation>
    </message>
    <message>
        <source>No such cart line.</source>
        <translation>No existe esa línea del carrito.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>El carrito está vacío.</translation>
    </message>
    <message>
        <source>The sale is already paid.</source>
        <translation>La venta ya está pagada.</translation>
    </message>
    <message>
        <source>Enter the cash amount received.</source>
        <translation>Introduzca el efectivo recibido.</translation>
    </message>
    <message>
        <source>That cash amount is not plausible.</source>
        <translation>Ese importe en efectivo no es plausible.</translation>
    </message>
    <message>
        <source>Enter the card amount.</source>
        <translation>Introduzca el importe con tarjeta.</translation>
    </message>
    <message>
        <source>A card can pay at most the remaining %1.</source>
        <translation>Con tarjeta se puede pagar como máximo el resto, %1.</translation>
    </message>
    <message>
        <source>No such payment.</source>
        <translation>No existe ese pago.</translation>
    </message>
    <message>
        <source>That price is not plausible.</source>
        <translation>Ese precio no es plausible.</translation>
    </message>
    <message>
        <source>A discount is between 0 and 100%.</source>
        <translation>Un descuento está entre 0 y 100 %.</translation>
    </message>
</context>
<context>
    <name>CartLineDelegate</name>
    <message>
        <source>%1 each</source>
        <translation>%1 c/u</translation>
    </message>
    <message>
        <source>Fewer %1</source>
        <translation>Menos %1</translation>
    </message>
    <message>
        <source>More %1</source>
        <translation>Más %1</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>Quitar %1</translation>
    </message>
    <message>
        <source>Change price or discount of %1</source>
        <translation>Cambiar precio o descuento de %1</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>was %1</source>
        <translation>antes %1</translation>
    </message>
    <message>
        <source>%1% off</source>
        <translation>%1 % de descuento</translation>
    </message>
</context>
<context>
    <name>CashApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Aprobación del gerente</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>CatalogAdmin</name>
    <message>
        <source>Only a manager can change products.</source>
        <translation>Solo un gerente puede cambiar productos.</translation>
    </message>
    <message>
        <source>This product no longer exists.</source>
        <translation>Este producto ya no existe.</translation>
    </message>
    <message>
        <source>Enter a name of 1 to %1 characters.</source>
        <translation>Escriba un nombre de 1 a %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a SKU of 1 to %1 characters without spaces.</source>
        <translation>Escriba un SKU de 1 a %1 caracteres sin espacios.</translation>
    </message>
    <message>
        <source>A category name has at most %1 characters.</source>
        <translation>Un nombre de categoría tiene como máximo %1 caracteres.</translation>
    </message>
    <message>
        <source>Enter a price of 0 or more.</source>
        <translation>Escriba un precio de 0 o más.</translation>
    </message>
    <message>
        <source>The tax rate is between 0 and 100%.</source>
        <translation>El impuesto está entre 0 y 100 %.</translation>
    </message>
    <message>
        <source>Barcode %1: %2</source>
        <translation>Código de barras %1: %2</translation>
    </message>
    <message>
        <source>A product has at most %1 barcodes.</source>
        <translation>Un producto tiene como máximo %1 códigos de barras.</translation>
    </message>
    <message>
        <source>SKU %1 belongs to %2.</source>
        <translation>El SKU %1 pertenece a %2.</translation>
    </message>
    <message>
        <source>Barcode %1 belongs to %2: remove it there first.</source>
        <translation>El código de barras %1 pertenece a %2: quítelo allí primero.</translation>
    </message>
    <message>
        <source>The product was saved but cannot be read back.</source>
        <translation>El producto se guardó, pero no se puede volver a leer.</translation>
    </message>
</context>
<context>
    <name>CatalogImporter</name>
    <message>
        <source>%1: cannot read catalog: %2</source>
        <translation>%1: no se puede leer el catálogo: %2</translation>
    </message>
    <message>
        <source>%1: catalog larger than 64 MiB</source>
        <translation>%1: catálogo de más de 64 MiB</translation>
    </message>
    <message>
        <source>%1: a catalog is a .json or .csv file</source>
        <translation>%1: un catálogo es un archivo .json o .csv</translation>
    </message>
    <message>
        <source>%1: sku must be 1 to 64 characters</source>
        <translation>%1: sku debe tener de 1 a 64 caracteres</translation>
    </message>
    <message>
        <source>%1: name must be 1 to 200 characters</source>
        <translation>%1: name debe tener de 1 a 200 caracteres</translation>
    </message>
    <message>
        <source>%1: priceCents must be 0 to 100000000</source>
        <translation>%1: priceCents debe estar entre 0 y 100000000</translation>
    </message>
    <message>
        <source>%1: taxRateBp must be 0 to 10000</source>
        <translation>%1: taxRateBp debe estar entre 0 y 10000</translation>
    </message>
    <message>
        <source>%1: stock out of range</source>
        <translation>%1: stock fuera de rango</translation>
    </message>
    <message>
        <source>%1: id must be a UUID</source>
        <translation>%1: id debe ser un UUID</translation>
    </message>
    <message>
        <source>%1: barcode &quot;%2&quot;: %3</source>
        <translation>%1: código de barras «%2»: %3</translation>
    </message>
    <message>
        <source>%1: not valid JSON at offset %2: %3</source>
        <translation>%1: JSON no válido en la posición %2: %3</translation>
    </message>
    <message>
        <source>%1: expected an object with a &quot;products&quot; array</source>
        <translation>%1: se esperaba un objeto con una lista «products»</translation>
    </message>
    <message>
        <source>%1: every category needs a name</source>
        <translation>%1: cada categoría necesita un nombre</translation>
    </message>
    <message>
        <source>%1: product %2</source>
        <translation>%1: producto %2</translation>
    </message>
    <message>
        <source>%1: expected an object</source>
        <translation>%1: se esperaba un objeto</translation>
    </message>
    <message>
        <source>%1: priceCents and taxRateBp must be integers</source>
        <translation>%1: priceCents y taxRateBp deben ser enteros</translation>
    </message>
    <message>
        <source>%1: stock must be an integer</source>
        <translation>%1: stock debe ser un entero</translation>
    </message>
    <message>
        <source>%1: employee &quot;%2&quot; needs a UUID id, a name, role cashier or manager and a PIN of 4 to 8 digits</source>
        <translation>%1: el empleado «%2» necesita un id UUID, un nombre, la función cashier o manager y un PIN de 4 a 8 dígitos</translation>
    </message>
    <message>
        <source>%1: empty catalog</source>
        <translation>%1: catálogo vacío</translation>
    </message>
    <message>
        <source>%1: the header needs at least sku,name,priceCents,taxRateBp (optional: category,stock,barcodes,id)</source>
        <translation>%1: la cabecera necesita al menos sku,name,priceCents,taxRateBp (opcional: category,stock,barcodes,id)</translation>
    </message>
    <message>
        <source>%1: line %2</source>
        <translation>%1: línea %2</translation>
    </message>
    <message>
        <source>SKU %1 appears twice in the catalog</source>
        <translation>El SKU %1 aparece dos veces en el catálogo</translation>
    </message>
    <message>
        <source>barcode %1 belongs to two products</source>
        <translation>el código de barras %1 pertenece a dos productos</translation>
    </message>
    <message>
        <source>SKU %1 already belongs to another product id in this lane</source>
        <translation>El SKU %1 ya pertenece a otro id de producto en esta caja</translation>
    </message>
</context>
<context>
    <name>CheckoutController</name>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Inicie sesión primero con su PIN.</translation>
    </message>
    <message>
        <source>The product lookup failed; try again.</source>
        <translation>La búsqueda del producto falló; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Barcode %1 is not in the catalog.</source>
        <translation>El código de barras %1 no está en el catálogo.</translation>
    </message>
    <message>
        <source>That product is not in the catalog.</source>
        <translation>Ese producto no está en el catálogo.</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before adding items.</source>
        <translation>Termine o cancele el pago antes de añadir artículos.</translation>
    </message>
    <message>
        <source>%1 added, %2</source>
        <translation>%1 añadido, %2</translation>
    </message>
    <message>
        <source>Nothing matches &quot;%1&quot;.</source>
        <translation>Nada coincide con «%1».</translation>
    </message>
    <message>
        <source>Cart voided.</source>
        <translation>Carrito anulado.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>El carrito está vacío.</translation>
    </message>
    <message>
        <source>Payments are already taken; void the cart to start over.</source>
        <translation>Ya hay pagos registrados; anule el carrito para empezar de nuevo.</translation>
    </message>
    <message>
        <source>%1 still due.</source>
        <translation>Faltan %1.</translation>
    </message>
    <message>
        <source>Sale %1 complete.</source>
        <translation>Venta %1 completada.</translation>
    </message>
    <message>
        <source>Payment removed; %1 due.</source>
        <translation>Pago quitado; faltan %1.</translation>
    </message>
    <message>
        <source>There is no completed sale to print.</source>
        <translation>No hay ninguna venta completada que imprimir.</translation>
    </message>
    <message>
        <source>The receipt could not be printed: %1</source>
        <translation>No se pudo imprimir el recibo: %1</translation>
    </message>
    <message>
        <source>Receipt saved as %1</source>
        <translation>Recibo guardado como %1</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before changing prices.</source>
        <translation>Termine o cancele el pago antes de cambiar precios.</translation>
    </message>
    <message>
        <source>%1: %2% below the list price, over your limit of %3%. A manager approves with their PIN.</source>
        <translation>%1: %2 % por debajo del precio de lista, por encima de su límite del %3 %. Un gerente lo aprueba con su PIN.</translation>
    </message>
    <message>
        <source>No such cart line.</source>
        <translation>No existe esa línea del carrito.</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Enter a discount from 0 to 100%.</source>
        <translation>Introduzca un descuento de 0 a 100 %.</translation>
    </message>
    <message>
        <source>%1% off %2</source>
        <translation>%1 % de descuento en %2</translation>
    </message>
    <message>
        <source>%1% off the whole sale</source>
        <translation>%1 % de descuento en toda la venta</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>PIN de gerente no aceptado.</translation>
    </message>
    <message>
        <source>That is beyond %1&apos;s limit of %2%.</source>
        <translation>Eso supera el límite de %1, del %2 %.</translation>
    </message>
    <message>
        <source>%1 (approved by %2)</source>
        <translation>%1 (aprobado por %2)</translation>
    </message>
    <message>
        <source>Price change cancelled.</source>
        <translation>Cambio de precio cancelado.</translation>
    </message>
    <message>
        <source>Finish or cancel the payment before holding the cart.</source>
        <translation>Termine o cancele el pago antes de apartar el carrito.</translation>
    </message>
    <message>
        <source>Cart held: %1. Recall it when the customer is back.</source>
        <translation>Carrito apartado: %1. Recupérelo cuando vuelva el cliente.</translation>
    </message>
    <message>
        <source>Finish or hold the current sale before recalling another.</source>
        <translation>Termine o aparte la venta actual antes de recuperar otra.</translation>
    </message>
    <message>
        <source>Cart recalled: %1.</source>
        <translation>Carrito recuperado: %1.</translation>
    </message>
    <message>
        <source>Held cart discarded.</source>
        <translation>Carrito apartado descartado.</translation>
    </message>
    <message>
        <source>The sale could not be read; try again.</source>
        <translation>No se pudo leer la venta; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>No sale with receipt %1 on this lane.</source>
        <translation>No hay ninguna venta con el recibo %1 en esta caja.</translation>
    </message>
    <message>
        <source>Sale %1 found.</source>
        <translation>Venta %1 encontrada.</translation>
    </message>
    <message>
        <source>Return %1: refund %2 %3 (approved by %4).</source>
        <translation>Devolución %1: reembolso de %2 %3 (aprobado por %4).</translation>
    </message>
    <message>
        <source>in cash</source>
        <translation>en efectivo</translation>
    </message>
    <message>
        <source>to the card</source>
        <translation>a la tarjeta</translation>
    </message>
    <message>
        <source>The customer search failed; try again.</source>
        <translation>La búsqueda de clientes falló; inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>No customer matches &quot;%1&quot;.</source>
        <translation>Ningún cliente coincide con «%1».</translation>
    </message>
    <message>
        <source>Start a new sale first.</source>
        <translation>Empiece primero una venta nueva.</translation>
    </message>
    <message>
        <source>Customer: %1</source>
        <translation>Cliente: %1</translation>
    </message>
    <message>
        <source>The cash drawer did not open: %1</source>
        <translation>El cajón de efectivo no se abrió: %1</translation>
    </message>
    <message>
        <source>Receipt %1:</source>
        <translation>Recibo %1:</translation>
    </message>
    <message>
        <source>Receipt %1 sent to the printer.</source>
        <translation>Recibo %1 enviado a la impresora.</translation>
    </message>
    <message>
        <source>The receipt could not be queued for the printer: %1</source>
        <translation>No se pudo poner el recibo en la cola de la impresora: %1</translation>
    </message>
    <message>
        <source>The printer is offline: the receipt is queued.</source>
        <translation>La impresora está desconectada: el recibo queda en cola.</translation>
    </message>
    <message>
        <source>The printer is out of paper: the receipt is queued.</source>
        <translation>La impresora no tiene papel: el recibo queda en cola.</translation>
    </message>
    <message>
        <source>The printer has a problem: the receipt is queued.</source>
        <translation>La impresora tiene un problema: el recibo queda en cola.</translation>
    </message>
    <message>
        <source>Saving sale %1…</source>
        <translation>Guardando la venta %1…</translation>
    </message>
    <message>
        <source>Sale %1 is recorded, but the disk reported an error: call a manager before the next sale.</source>
        <translation>La venta %1 está registrada, pero el disco informó de un error: llame a un encargado antes de la próxima venta.</translation>
    </message>
    <message>
        <source>Saving return %1…</source>
        <translation>Guardando la devolución %1…</translation>
    </message>
    <message>
        <source>Return %1 is recorded, but the disk reported an error: call a manager.</source>
        <translation>La devolución %1 está registrada, pero el disco informó de un error: llame a un encargado.</translation>
    </message>
    <message>
        <source>The last sale is still being saved; one moment.</source>
        <translation>La última venta todavía se está guardando; un momento.</translation>
    </message>
    <message>
        <source>The disk reported an error: this lane cannot confirm sales. Call a manager.</source>
        <translation>El disco informó de un error: esta caja no puede confirmar ventas. Llame a un encargado.</translation>
    </message>
</context>
<context>
    <name>CheckoutScreen</name>
    <message>
        <source>Lane %1</source>
        <translation>Caja %1</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>Scan or type a barcode, SKU or name</source>
        <translation>Escanee o escriba código, SKU o nombre</translation>
    </message>
    <message>
        <source>Barcode, SKU or product name</source>
        <translation>Código de barras, SKU o nombre del producto</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>Cart: 1 item</source>
        <translation>Carrito: 1 artículo</translation>
    </message>
    <message>
        <source>Cart: %1 items</source>
        <translation>Carrito: %1 artículos</translation>
    </message>
    <message>
        <source>Scan an item to start a sale</source>
        <translation>Escanee un artículo para empezar una venta</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impuesto</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Anular</translation>
    </message>
    <message>
        <source>Pay %1</source>
        <translation>Cobrar %1</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Descuentos</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Held (%1)</source>
        <translation>Apartados (%1)</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Apartar</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Devolución</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Attach a customer</source>
        <translation>Asignar un cliente</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>Cliente %1</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Turno</translation>
    </message>
    <message>
        <source>Saving the sale…</source>
        <translation>Guardando la venta…</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>Cliente nuevo</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Phone or name</source>
        <translation>Teléfono o nombre</translation>
    </message>
    <message>
        <source>Customer phone or name</source>
        <translation>Teléfono o nombre del cliente</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>+ New customer</source>
        <translation>+ Cliente nuevo</translation>
    </message>
    <message>
        <source>Save and attach</source>
        <translation>Guardar y asignar</translation>
    </message>
    <message>
        <source>Remove customer</source>
        <translation>Quitar cliente</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>Enter the customer&apos;s name (up to 200 characters).</source>
        <translation>Introduzca el nombre del cliente (hasta 200 caracteres).</translation>
    </message>
    <message>
        <source>A phone number has 7 to 15 digits.</source>
        <translation>Un número de teléfono tiene de 7 a 15 dígitos.</translation>
    </message>
    <message>
        <source>That e-mail address does not look right.</source>
        <translation>Esa dirección de correo no parece correcta.</translation>
    </message>
    <message>
        <source>Enter a phone number or an e-mail address to find the customer again.</source>
        <translation>Introduzca un teléfono o un correo para volver a encontrar al cliente.</translation>
    </message>
    <message>
        <source>%1 already has this phone number.</source>
        <translation>%1 ya tiene este número de teléfono.</translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
</context>
<context>
    <name>DenominationCounter</name>
    <message>
        <source>One less %1</source>
        <translation>Un %1 menos</translation>
    </message>
    <message>
        <source>Number of %1</source>
        <translation>Cantidad de %1</translation>
    </message>
    <message>
        <source>One more %1</source>
        <translation>Un %1 más</translation>
    </message>
</context>
<context>
    <name>EmployeeAdmin</name>
    <message>
        <source>Only a manager can change employees.</source>
        <translation>Solo un gerente puede cambiar empleados.</translation>
    </message>
    <message>
        <source>Enter a name of 1 to 100 characters.</source>
        <translation>Introduzca un nombre de 1 a 100 caracteres.</translation>
    </message>
    <message>
        <source>The role is cashier or manager.</source>
        <translation>La función es cajero o gerente.</translation>
    </message>
    <message>
        <source>The discount limit is between 0 and 100%.</source>
        <translation>El límite de descuento está entre 0 y 100 %.</translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation>Un PIN tiene de 4 a 8 dígitos.</translation>
    </message>
    <message>
        <source>This employee no longer exists.</source>
        <translation>Este empleado ya no existe.</translation>
    </message>
    <message>
        <source>A new employee needs a PIN.</source>
        <translation>Un empleado nuevo necesita un PIN.</translation>
    </message>
    <message>
        <source>You cannot deactivate yourself or take away your own manager role.</source>
        <translation>No puede desactivarse ni quitarse su propia función de gerente.</translation>
    </message>
</context>
<context>
    <name>EmployeeSession</name>
    <message>
        <source>The lane cannot read its employee list. Call a manager.</source>
        <translation>La caja no puede leer su lista de empleados. Llame a un gerente.</translation>
    </message>
    <message>
        <source>Unknown or inactive employee.</source>
        <translation>Empleado desconocido o inactivo.</translation>
    </message>
    <message>
        <source>%1 is locked until %2 after too many wrong PINs. A manager can unlock.</source>
        <translation>%1 está bloqueado hasta las %2 por demasiados PIN erróneos. Un gerente puede desbloquearlo.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 is locked for 30 minutes; a manager can unlock.</source>
        <translation>PIN erróneo. %1 queda bloqueado 30 minutos; un gerente puede desbloquearlo.</translation>
    </message>
    <message>
        <source>Wrong PIN. 1 attempt left before lockout.</source>
        <translation>PIN erróneo. Queda 1 intento antes del bloqueo.</translation>
    </message>
    <message>
        <source>Wrong PIN. %1 attempts left before lockout.</source>
        <translation>PIN erróneo. Quedan %1 intentos antes del bloqueo.</translation>
    </message>
    <message>
        <source>Welcome, %1.</source>
        <translation>Bienvenido/a, %1.</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>PIN de gerente no aceptado.</translation>
    </message>
    <message>
        <source>A PIN has %1 to %2 digits.</source>
        <translation>Un PIN tiene de %1 a %2 dígitos.</translation>
    </message>
</context>
<context>
    <name>HeldCarts</name>
    <message>
        <source>The cart is empty.</source>
        <translation>El carrito está vacío.</translation>
    </message>
    <message>
        <source>Payments are already taken; a paid cart cannot be held.</source>
        <translation>Ya hay pagos registrados; un carrito pagado no se puede apartar.</translation>
    </message>
    <message>
        <source>That held cart is no longer here.</source>
        <translation>Ese carrito apartado ya no está.</translation>
    </message>
    <message>
        <source>A product of this held cart is no longer in the catalog.</source>
        <translation>Un producto de este carrito apartado ya no está en el catálogo.</translation>
    </message>
</context>
<context>
    <name>HeldCartsDialog</name>
    <message>
        <source>Held carts</source>
        <translation>Carritos apartados</translation>
    </message>
    <message>
        <source>No cart is held on this lane.</source>
        <translation>No hay carritos apartados en esta caja.</translation>
    </message>
    <message>
        <source>%1 (held at %2)</source>
        <translation>%1 (apartado a las %2)</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recuperar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Discard held cart %1</source>
        <translation>Descartar el carrito apartado %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <source>Locked after inactivity. Enter your PIN to continue.</source>
        <translation>Bloqueado por inactividad. Introduzca su PIN para continuar.</translation>
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
        <translation>Caja %1</translation>
    </message>
    <message>
        <source>Who is selling?</source>
        <translation>¿Quién vende?</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Gerente</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Cajero</translation>
    </message>
    <message>
        <source>Tap your name</source>
        <translation>Toque su nombre</translation>
    </message>
    <message>
        <source>PIN for %1</source>
        <translation>PIN de %1</translation>
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
        <translation>«%1» no es un importe; escríbalo como %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is more than %2.</source>
        <translation>«%1» supera %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; can be read two ways: type %2 or %3.</source>
        <translation>«%1» se puede leer de dos maneras: escriba %2 o %3.</translation>
    </message>
</context>
<context>
    <name>PayPanel</name>
    <message>
        <source>Amount due</source>
        <translation>Importe a pagar</translation>
    </message>
    <message>
        <source>Paid so far %1 of %2</source>
        <translation>Pagado hasta ahora %1 de %2</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>Efectivo recibido</translation>
    </message>
    <message>
        <source>Exact %1</source>
        <translation>Exacto %1</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Card %1</source>
        <translation>Tarjeta %1</translation>
    </message>
    <message>
        <source>Back to cart</source>
        <translation>Volver al carrito</translation>
    </message>
    <message>
        <source>Amount received or to charge</source>
        <translation>Importe recibido o a cobrar</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Cash %1</source>
        <translation>Efectivo %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove payment %1</source>
        <translation>Quitar el pago %1</translation>
    </message>
    <message>
        <source>Amount, e.g. %1</source>
        <translation>Importe (%1)</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>PIN, %1 digits entered</source>
        <translation>PIN, %1 dígitos introducidos</translation>
    </message>
    <message>
        <source>Enter PIN</source>
        <translation>Introduzca el PIN</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>PrintQueue</name>
    <message>
        <source>Printer ready</source>
        <translation>Impresora lista</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Imprimiendo</translation>
    </message>
    <message>
        <source>Printer offline</source>
        <translation>Impresora desconectada</translation>
    </message>
    <message>
        <source>Printer out of paper</source>
        <translation>Impresora sin papel</translation>
    </message>
    <message>
        <source>Printer error: %1</source>
        <translation>Error de la impresora: %1</translation>
    </message>
</context>
<context>
    <name>ReceiptPanel</name>
    <message>
        <source>Sale complete</source>
        <translation>Venta completada</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Recibo %1</translation>
    </message>
    <message>
        <source>Total %1</source>
        <translation>Total %1</translation>
    </message>
    <message>
        <source>Change due</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Nueva venta</translation>
    </message>
    <message>
        <source>Print receipt (PDF)</source>
        <translation>Imprimir recibo (PDF)</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>Imprimir de nuevo</translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation>Imprimir recibo</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Guardar PDF</translation>
    </message>
</context>
<context>
    <name>ReceiptPrinter</name>
    <message>
        <source>Store %1 · Lane %2</source>
        <translation>Tienda %1 · Caja %2</translation>
    </message>
    <message>
        <source>Receipt %1</source>
        <translation>Recibo %1</translation>
    </message>
    <message>
        <source>Cashier: %1</source>
        <translation>Cajero: %1</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Descuento</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Subtotal</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impuesto</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Thank you for shopping with us!</source>
        <translation>¡Gracias por su compra!</translation>
    </message>
    <message>
        <source>Cannot create the folder for %1.</source>
        <translation>No se puede crear la carpeta de %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>No se puede escribir %1.</translation>
    </message>
    <message>
        <source>Return: amounts are refunded</source>
        <translation>Devolución: importes reembolsados</translation>
    </message>
</context>
<context>
    <name>ReportLayout</name>
    <message>
        <source>Over</source>
        <translation>Sobrante</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Faltante</translation>
    </message>
    <message>
        <source>Even</source>
        <translation>Cuadra</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Ventas</translation>
    </message>
    <message>
        <source>Sales (%1)</source>
        <translation>Ventas (%1)</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Descuentos</translation>
    </message>
    <message>
        <source>Net sales</source>
        <translation>Ventas netas</translation>
    </message>
    <message>
        <source>Returns (%1)</source>
        <translation>Devoluciones (%1)</translation>
    </message>
    <message>
        <source>Tax</source>
        <translation>Impuesto</translation>
    </message>
    <message>
        <source>Tax %1%</source>
        <translation>Impuesto %1 %</translation>
    </message>
    <message>
        <source>Total tax</source>
        <translation>Total de impuestos</translation>
    </message>
    <message>
        <source>Total with tax</source>
        <translation>Total con impuestos</translation>
    </message>
    <message>
        <source>Tenders</source>
        <translation>Formas de pago</translation>
    </message>
    <message>
        <source>Cash (%1)</source>
        <translation>Efectivo (%1)</translation>
    </message>
    <message>
        <source>Card (%1)</source>
        <translation>Tarjeta (%1)</translation>
    </message>
    <message>
        <source>Cash drawer</source>
        <translation>Cajón</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Fondo de caja</translation>
    </message>
    <message>
        <source>Paid in (%1)</source>
        <translation>Entradas (%1)</translation>
    </message>
    <message>
        <source>Paid out (%1)</source>
        <translation>Salidas (%1)</translation>
    </message>
    <message>
        <source>Expected cash</source>
        <translation>Efectivo esperado</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Actividad</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Clientes</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Artículos</translation>
    </message>
    <message>
        <source>No-sale opens</source>
        <translation>Aperturas sin venta</translation>
    </message>
    <message>
        <source>Voided carts (%1)</source>
        <translation>Carritos anulados (%1)</translation>
    </message>
    <message>
        <source>X report, lane %1</source>
        <translation>Informe X, caja %1</translation>
    </message>
    <message>
        <source>Shift report, lane %1</source>
        <translation>Informe de turno, caja %1</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Abierto</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Abierto por</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <source>Z report %1, lane %2</source>
        <translation>Informe Z %1, caja %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Turnos</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Sacado el</translation>
    </message>
    <message>
        <source>Store report, %1</source>
        <translation>Informe de tienda, %1</translation>
    </message>
    <message>
        <source>Lanes</source>
        <translation>Cajas</translation>
    </message>
    <message>
        <source>Z reports</source>
        <translation>Informes Z</translation>
    </message>
    <message>
        <source>Z %1, lane %2</source>
        <translation>Z %1, caja %2</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>Caja %1</translation>
    </message>
    <message>
        <source>Store total</source>
        <translation>Total de la tienda</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return items</source>
        <translation>Devolver artículos</translation>
    </message>
    <message>
        <source>Receipt number, e.g. L1-000042</source>
        <translation>Número de recibo, p. ej. L1-000042</translation>
    </message>
    <message>
        <source>Receipt number</source>
        <translation>Número de recibo</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Receipt %1 · total %2</source>
        <translation>Recibo %1 · total %2</translation>
    </message>
    <message>
        <source>%1 each · sold %2 · can return %3</source>
        <translation>%1 c/u · vendidos %2 · se pueden devolver %3</translation>
    </message>
    <message>
        <source>Fewer %1</source>
        <translation>Menos %1</translation>
    </message>
    <message>
        <source>More %1</source>
        <translation>Más %1</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>Reembolso</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Efectivo</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Tarjeta</translation>
    </message>
    <message>
        <source>Units to return: %1. A manager approves.</source>
        <translation>Unidades a devolver: %1. Un gerente lo aprueba.</translation>
    </message>
    <message>
        <source>Choose the units coming back.</source>
        <translation>Elija las unidades que se devuelven.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>SaleService</name>
    <message>
        <source>Log in with your PIN to complete the sale.</source>
        <translation>Inicie sesión con su PIN para completar la venta.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>El carrito está vacío.</translation>
    </message>
    <message>
        <source>The sale is not fully paid yet.</source>
        <translation>La venta aún no está pagada por completo.</translation>
    </message>
    <message>
        <source>The sale could not be saved; the cart is kept. (%1)</source>
        <translation>La venta no se pudo guardar; el carrito se conserva. (%1)</translation>
    </message>
    <message>
        <source>Log in with your PIN to take a return.</source>
        <translation>Inicie sesión con su PIN para aceptar una devolución.</translation>
    </message>
    <message>
        <source>A return needs a manager&apos;s approval.</source>
        <translation>Una devolución necesita la aprobación de un gerente.</translation>
    </message>
    <message>
        <source>Refund in cash or to the card.</source>
        <translation>Reembolse en efectivo o a la tarjeta.</translation>
    </message>
    <message>
        <source>The return could not be saved. (%1)</source>
        <translation>La devolución no se pudo guardar. (%1)</translation>
    </message>
    <message>
        <source>That sale is not on this lane.</source>
        <translation>Esa venta no está en esta caja.</translation>
    </message>
    <message>
        <source>Return quantities are whole numbers of units.</source>
        <translation>Las cantidades devueltas son números enteros de unidades.</translation>
    </message>
    <message>
        <source>%1: at most %2 can still be returned.</source>
        <translation>%1: se pueden devolver como máximo %2.</translation>
    </message>
    <message>
        <source>That sale has no line %1.</source>
        <translation>Esa venta no tiene la línea %1.</translation>
    </message>
    <message>
        <source>Choose at least one unit to return.</source>
        <translation>Elija al menos una unidad para devolver.</translation>
    </message>
    <message>
        <source>No shift is open on this lane: open a shift (count the float) before selling.</source>
        <translation>No hay ningún turno abierto en esta caja: abra un turno (cuente el fondo de caja) antes de vender.</translation>
    </message>
    <message>
        <source>No shift is open on this lane: open a shift (count the float) before taking a return.</source>
        <translation>No hay ningún turno abierto en esta caja: abra un turno (cuente el fondo de caja) antes de aceptar una devolución.</translation>
    </message>
</context>
<context>
    <name>ShiftController</name>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Inicie sesión primero con su PIN.</translation>
    </message>
    <message>
        <source>Only a manager can see this report.</source>
        <translation>Solo un gerente puede ver este informe.</translation>
    </message>
    <message>
        <source>Shift open with a float of %1.</source>
        <translation>Turno abierto con un fondo de caja de %1.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Introduzca un importe mayor que cero.</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Introduzca un motivo.</translation>
    </message>
    <message>
        <source>Paid in %1: above the limit of %2.</source>
        <translation>Entrada de %1: supera el límite de %2.</translation>
    </message>
    <message>
        <source>Paid out %1: above the limit of %2.</source>
        <translation>Salida de %1: supera el límite de %2.</translation>
    </message>
    <message>
        <source>Paid in %1: %2.</source>
        <translation>Entrada de %1: %2.</translation>
    </message>
    <message>
        <source>Paid out %1: %2.</source>
        <translation>Salida de %1: %2.</translation>
    </message>
    <message>
        <source>Manager PIN not accepted.</source>
        <translation>PIN del gerente no aceptado.</translation>
    </message>
    <message>
        <source>Drawer opened (no sale).</source>
        <translation>Cajón abierto (sin venta).</translation>
    </message>
    <message>
        <source>Finish the count first.</source>
        <translation>Termine primero el recuento.</translation>
    </message>
    <message>
        <source>No shift is open on this lane.</source>
        <translation>No hay ningún turno abierto en esta caja.</translation>
    </message>
    <message>
        <source>Count the drawer first.</source>
        <translation>Cuente primero el cajón.</translation>
    </message>
    <message>
        <source>No such Z report.</source>
        <translation>No existe ese informe Z.</translation>
    </message>
    <message>
        <source>Z %1</source>
        <translation>Z %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <source>Show a report first.</source>
        <translation>Muestre primero un informe.</translation>
    </message>
    <message>
        <source>Z report %1 taken; it was not printed: %2</source>
        <translation>Informe Z %1 emitido; no se imprimió: %2</translation>
    </message>
    <message>
        <source>Z report %1 taken. %2</source>
        <translation>Informe Z %1 emitido. %2</translation>
    </message>
    <message>
        <source>The report could not be sent to the printer: %1</source>
        <translation>No se pudo enviar el informe a la impresora: %1</translation>
    </message>
    <message>
        <source>The printer is not ready: the report is queued (%1).</source>
        <translation>La impresora no está lista: el informe queda en espera (%1).</translation>
    </message>
    <message>
        <source>The report is printing.</source>
        <translation>El informe se está imprimiendo.</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>No se pudo guardar el informe: %1</translation>
    </message>
    <message>
        <source>Report saved as %1</source>
        <translation>Informe guardado como %1</translation>
    </message>
    <message>
        <source>Z report %1 is recorded, but the disk reported an error: it was not printed.</source>
        <translation>El informe Z %1 está registrado, pero el disco informó de un error: no se imprimió.</translation>
    </message>
</context>
<context>
    <name>ShiftScreen</name>
    <message>
        <source>Shift, lane %1</source>
        <translation>Turno, caja %1</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Administración</translation>
    </message>
    <message>
        <source>Back to checkout</source>
        <translation>Volver a la caja</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Open shift: count the float</source>
        <translation>Abrir turno: cuente el fondo de caja</translation>
    </message>
    <message>
        <source>Close shift: count the drawer</source>
        <translation>Cerrar turno: cuente el cajón</translation>
    </message>
    <message>
        <source>Count the notes and coins you start with.</source>
        <translation>Cuente los billetes y monedas con los que empieza.</translation>
    </message>
    <message>
        <source>Count every note and coin in the drawer. What the drawer should hold is shown after you close.</source>
        <translation>Cuente cada billete y moneda del cajón. Lo que debería haber se muestra después del cierre.</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Contado</translation>
    </message>
    <message>
        <source>Or type the amount</source>
        <translation>O escriba el importe</translation>
    </message>
    <message>
        <source>Amount counted</source>
        <translation>Importe contado</translation>
    </message>
    <message>
        <source>Open shift</source>
        <translation>Abrir turno</translation>
    </message>
    <message>
        <source>Close shift</source>
        <translation>Cerrar turno</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Opened by</source>
        <translation>Abierto por</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>Float</source>
        <translation>Fondo de caja</translation>
    </message>
    <message>
        <source>Cash in or out</source>
        <translation>Entrada o salida de efectivo</translation>
    </message>
    <message>
        <source>Above %1 a manager approves with their PIN.</source>
        <translation>Por encima de %1, un gerente aprueba con su PIN.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importe</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <source>Paid in</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Paid out</source>
        <translation>Salida</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>Sin venta</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>Informe X</translation>
    </message>
    <message>
        <source>Close shift and count the drawer</source>
        <translation>Cerrar turno y contar el cajón</translation>
    </message>
    <message>
        <source>The running totals of this shift: tap X report.</source>
        <translation>Los totales en curso de este turno: toque Informe X.</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>Turno cerrado</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Esperado</translation>
    </message>
    <message>
        <source>The drawer holds less than it should. A manager sees the difference in the shift report.</source>
        <translation>El cajón tiene menos de lo debido. Un gerente ve la diferencia en el informe de turno.</translation>
    </message>
    <message>
        <source>The drawer holds more than it should. A manager sees the difference in the shift report.</source>
        <translation>El cajón tiene más de lo debido. Un gerente ve la diferencia en el informe de turno.</translation>
    </message>
    <message>
        <source>The drawer holds exactly what it should.</source>
        <translation>El cajón tiene exactamente lo debido.</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Informe de turno</translation>
    </message>
    <message>
        <source>Current shift</source>
        <translation>Turno actual</translation>
    </message>
</context>
<context>
    <name>Shifts</name>
    <message>
        <source>A count must be a number of notes or coins.</source>
        <translation>Un recuento es un número de billetes o monedas.</translation>
    </message>
    <message>
        <source>Log in with your PIN first.</source>
        <translation>Inicie sesión primero con su PIN.</translation>
    </message>
    <message>
        <source>A shift is already open on this lane.</source>
        <translation>Ya hay un turno abierto en esta caja.</translation>
    </message>
    <message>
        <source>The float must be an amount of zero or more.</source>
        <translation>El fondo de caja debe ser un importe de cero o más.</translation>
    </message>
    <message>
        <source>No shift is open on this lane.</source>
        <translation>No hay ningún turno abierto en esta caja.</translation>
    </message>
    <message>
        <source>Enter an amount above zero.</source>
        <translation>Introduzca un importe mayor que cero.</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Introduzca un motivo.</translation>
    </message>
    <message>
        <source>An amount above the limit needs another manager&apos;s approval.</source>
        <translation>Un importe por encima del límite necesita la aprobación de otro gerente.</translation>
    </message>
    <message>
        <source>The reason is too long (at most 200 characters).</source>
        <translation>El motivo es demasiado largo (200 caracteres como máximo).</translation>
    </message>
    <message>
        <source>Enter an amount of zero or more.</source>
        <translation>Introduzca un importe de cero o más.</translation>
    </message>
    <message>
        <source>No such shift.</source>
        <translation>No existe ese turno.</translation>
    </message>
    <message>
        <source>The count must be an amount of zero or more.</source>
        <translation>El recuento debe ser un importe de cero o más.</translation>
    </message>
    <message>
        <source>Only a manager can take the Z report.</source>
        <translation>Solo un gerente puede sacar el informe Z.</translation>
    </message>
    <message>
        <source>Close the open shift (count the drawer) before the Z report.</source>
        <translation>Cierre el turno abierto (cuente el cajón) antes del informe Z.</translation>
    </message>
    <message>
        <source>There is no closed shift since the last Z report.</source>
        <translation>No hay ningún turno cerrado desde el último informe Z.</translation>
    </message>
    <message>
        <source>Choose a day.</source>
        <translation>Elija un día.</translation>
    </message>
    <message>
        <source>This shift holds %1 cash movements, the most one shift can: close it (count the drawer) and open a new one.</source>
        <translation>Este turno tiene %1 movimientos de efectivo, el máximo para un turno: ciérrelo (cuente el cajón) y abra uno nuevo.</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>All synced</source>
        <translation>Todo sincronizado</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n en espera</numerusform>
            <numerusform>%n en espera</numerusform>
        </translation>
    </message>
    <message>
        <source>This lane only</source>
        <translation>Solo esta caja</translation>
    </message>
    <message>
        <source>Offline: selling normally</source>
        <translation>Sin conexión: se vende con normalidad</translation>
    </message>
</context>
<context>
    <name>SyncStatusController</name>
    <message>
        <source>Only a manager can do this.</source>
        <translation>Solo un gerente puede hacer esto.</translation>
    </message>
    <message>
        <source>Retry failed: %1</source>
        <translation>El reintento falló: %1</translation>
    </message>
    <message>
        <source>Reconciliation started.</source>
        <translation>Conciliación iniciada.</translation>
    </message>
    <message>
        <source>A reconciliation is already running.</source>
        <translation>Ya hay una conciliación en curso.</translation>
    </message>
    <message numerus="yes">
        <source>Failed messages queued for upload again: %n.</source>
        <translation>
            <numerusform>Mensajes fallidos en cola para subirse de nuevo: %n.</numerusform>
            <numerusform>Mensajes fallidos en cola para subirse de nuevo: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>the cloud&apos;s time</source>
        <translation>la hora de la nube</translation>
    </message>
    <message>
        <source>the other lanes&apos; clocks</source>
        <translation>los relojes de las demás cajas</translation>
    </message>
    <message>
        <source>This lane&apos;s clock is %1 ahead of the store&apos;s time (by %2).</source>
        <translation>El reloj de esta caja va %1 adelantado respecto a la hora de la tienda (según %2).</translation>
    </message>
    <message>
        <source>This lane&apos;s clock is %1 behind the store&apos;s time (by %2).</source>
        <translation>El reloj de esta caja va %1 atrasado respecto a la hora de la tienda (según %2).</translation>
    </message>
    <message>
        <source>Sales carry the store&apos;s time; have this lane&apos;s clock set right.</source>
        <translation>Las ventas llevan la hora de la tienda; haga poner en hora el reloj de esta caja.</translation>
    </message>
    <message>
        <source>Lane %1&apos;s clock is %2 ahead of the store&apos;s time.</source>
        <translation>El reloj de la caja %1 va %2 adelantado respecto a la hora de la tienda.</translation>
    </message>
    <message>
        <source>Lane %1&apos;s clock is %2 behind the store&apos;s time.</source>
        <translation>El reloj de la caja %1 va %2 atrasado respecto a la hora de la tienda.</translation>
    </message>
    <message numerus="yes">
        <source>Messages from other lanes held: %n, stamped too far ahead of the store&apos;s time. A manager can accept them on the admin screen.</source>
        <translation>
            <numerusform>Mensajes de otras cajas retenidos: %n, fechados demasiado por delante de la hora de la tienda. Un gerente puede aceptarlos en la pantalla de administración.</numerusform>
            <numerusform>Mensajes de otras cajas retenidos: %n, fechados demasiado por delante de la hora de la tienda. Un gerente puede aceptarlos en la pantalla de administración.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 días</translation>
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
        <translation>1 recibo en espera</translation>
    </message>
    <message>
        <source>%1 receipts waiting</source>
        <translation>%1 recibos en espera</translation>
    </message>
</context>
<context>
    <name>SyncStatusScreen</name>
    <message>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <source>Sync status, lane %1</source>
        <translation>Estado de sincronización, caja %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Peer lanes: %1 of %2 connected</source>
        <translation>Otras cajas: %1 de %2 conectadas</translation>
    </message>
    <message>
        <source>Peer lanes</source>
        <translation>Otras cajas</translation>
    </message>
    <message>
        <source>Peer sync is off: %1</source>
        <translation>La sincronización entre cajas está desactivada: %1</translation>
    </message>
    <message>
        <source>Peer sync is off on this lane.</source>
        <translation>La sincronización entre cajas está desactivada en esta caja.</translation>
    </message>
    <message>
        <source>No peer lane has connected yet.</source>
        <translation>Aún no se ha conectado ninguna otra caja.</translation>
    </message>
    <message>
        <source>Lane %1: %2</source>
        <translation>Caja %1: %2</translation>
    </message>
    <message>
        <source>Lane %1</source>
        <translation>Caja %1</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>conectada</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconectando</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <source>refused (store key or version)</source>
        <translation>rechazada (clave de tienda o versión)</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>inaccesible</translation>
    </message>
    <message>
        <source>Last seen %1</source>
        <translation>Vista por última vez %1</translation>
    </message>
    <message>
        <source>down since %1</source>
        <translation>caída desde %1</translation>
    </message>
    <message>
        <source>not acked</source>
        <translation>sin confirmar</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>rechazados</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Bandeja de salida</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pendientes</translation>
    </message>
    <message>
        <source>at a peer</source>
        <translation>en otra caja</translation>
    </message>
    <message>
        <source>in the cloud</source>
        <translation>en la nube</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fallidos</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Nube</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>off (no Supabase settings)</source>
        <translation>desactivada (sin ajustes de Supabase)</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>accesible</translation>
    </message>
    <message>
        <source>not syncing</source>
        <translation>sin sincronizar</translation>
    </message>
    <message>
        <source>no upload yet</source>
        <translation>aún sin envíos</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <source>Last error</source>
        <translation>Último error</translation>
    </message>
    <message>
        <source>Inventory reconciliation</source>
        <translation>Conciliación de inventario</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Última ejecución</translation>
    </message>
    <message>
        <source>%1: %2, %3 differences, %4 resolved</source>
        <translation>%1: %2, %3 diferencias, %4 resueltas</translation>
    </message>
    <message>
        <source>not run yet</source>
        <translation>aún no se ha ejecutado</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Próxima ejecución</translation>
    </message>
    <message>
        <source>running now</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Conciliar ahora</translation>
    </message>
    <message>
        <source>Clock</source>
        <translation>Reloj</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Aviso</translation>
    </message>
    <message numerus="yes">
        <source>Retry failed uploads (%n)</source>
        <translation>
            <numerusform>Reintentar envíos fallidos (%n)</numerusform>
            <numerusform>Reintentar envíos fallidos (%n)</numerusform>
        </translation>
    </message>
    <message>
        <source>on demand only</source>
        <translation>solo a petición</translation>
    </message>
    <message>
        <source>encrypted, store key %1</source>
        <translation>cifrado, clave de tienda %1</translation>
    </message>
    <message>
        <source>Not encrypted: this link is plaintext by the store&apos;s choice; anyone on the network can read and alter it</source>
        <translation>Sin cifrar: este enlace va en texto plano por decisión de la tienda; cualquiera en la red puede leerlo y alterarlo</translation>
    </message>
</context>
<context>
    <name>UiShell</name>
    <message>
        <source>Change from the safe</source>
        <translation>Cambio de la caja fuerte</translation>
    </message>
    <message>
        <source>Window cleaning</source>
        <translation>Limpieza de cristales</translation>
    </message>
</context>
</TS>
