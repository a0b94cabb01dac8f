// Hand-written examples of the payloads lanes do not produce in tst_schemas (topics shift and
// z.report, a sale with shiftId), valid ones and broken copies that must fail, for
// tools/validate-schemas (validate.mjs takes this module's default export as its cases).
// Rules JSON Schema cannot state are listed with expect "valid": the lane checks them.

const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const CASHIER = id(1);
const MANAGER = id(2);

export function totals(overrides = {}) {
  return {
    salesCount: 3,
    returnsCount: 1,
    customerCount: 3,
    itemsSold: 6,
    grossCents: 2500,
    discountCents: 100,
    returnsCents: -216,
    taxCents: 176,
    totalCents: 2360,
    taxByRate: [{ rateBp: 800, netCents: 2200, taxCents: 176 }],
    tenders: [
      { method: "cash", count: 2, amountCents: 1144 },
      { method: "card", count: 2, amountCents: 1216 },
    ],
    paidInCount: 1,
    paidInCents: 500,
    paidOutCount: 1,
    paidOutCents: 1200,
    noSaleCount: 1,
    voidedCount: 1,
    voidedCents: 864,
    floatCents: 10000,
    expectedCashCents: 10444,
    ...overrides,
  };
}

export function shift(overrides = {}) {
  return {
    shiftId: id(100),
    terminalId: "L1",
    openedAt: "2026-12-20T08:00:00.000Z",
    openedBy: CASHIER,
    floatCents: 10000,
    floatCounts: [{ denominationCents: 2000, count: 4 }, { denominationCents: 100, count: 20 }],
    closedAt: "2026-12-20T16:00:00.000Z",
    closedBy: CASHIER,
    countedCents: 10400,
    countedCounts: [{ denominationCents: 5000, count: 2 }, { denominationCents: 200, count: 2 }],
    expectedCashCents: 10444,
    overShortCents: -44,
    movements: [
      {
        movementId: id(201),
        kind: "paidIn",
        amountCents: 500,
        employeeId: CASHIER,
        at: "2026-12-20T09:00:00.000Z",
      },
      {
        movementId: id(202),
        kind: "paidOut",
        amountCents: 1200,
        reason: "window cleaner",
        employeeId: CASHIER,
        approvedBy: MANAGER,
        at: "2026-12-20T10:00:00.000Z",
      },
      {
        movementId: id(203),
        kind: "noSale",
        amountCents: 0,
        employeeId: CASHIER,
        at: "2026-12-20T11:00:00.000Z",
      },
      {
        movementId: id(204),
        kind: "cartVoided",
        amountCents: 864,
        employeeId: CASHIER,
        at: "2026-12-20T12:00:00.000Z",
      },
    ],
    totals: totals(),
    ...overrides,
  };
}

export function zReport(overrides = {}) {
  return {
    zId: id(300),
    terminalId: "L1",
    zNumber: 1,
    openedAt: "2026-12-20T08:00:00.000Z",
    closedAt: "2026-12-20T16:00:00.000Z",
    createdAt: "2026-12-20T16:01:00.000Z",
    createdBy: MANAGER,
    shiftIds: [id(100)],
    totals: totals(),
    ...overrides,
  };
}

function sale(overrides = {}) {
  return {
    transactionId: id(400),
    receiptNumber: "L1-000001",
    terminalId: "L1",
    employeeId: CASHIER,
    shiftId: id(100),
    subtotalCents: 1000,
    discountCents: 0,
    taxCents: 80,
    totalCents: 1080,
    paidCents: 1080,
    changeCents: 0,
    status: "completed",
    createdAt: "2026-12-20T09:30:00.000Z",
    hlcTime: "2026-12-20T09:30:00.000Z",
    hlcCounter: 0,
    lines: [{
      lineNo: 1,
      productId: id(500),
      sku: "SKU-1",
      name: "Product 1",
      quantity: 2,
      unitPriceCents: 500,
      discountCents: 0,
      taxRateBp: 800,
      taxCents: 80,
      totalCents: 1080,
    }],
    payments: [{
      paymentNo: 1,
      method: "card",
      amountCents: 1080,
      tenderedCents: 1080,
      changeCents: 0,
    }],
    stockChanges: [{ productId: id(500), delta: -2 }],
    ...overrides,
  };
}

const frame = (topic, payload) => ({
  id: id(900),
  fromTerminal: "L1",
  topic,
  payload,
  timestamp: "2026-12-20T16:01:00.000Z",
  seq: 7,
});
const cloud = (topic, data) => ({
  messageId: id(901),
  storeId: "store-1",
  terminalId: "L1",
  topic,
  data,
  timestamp: "2026-12-20T16:01:00.000Z",
});
const without = (object, key) => {
  const copy = { ...object };
  delete copy[key];
  return copy;
};
const SHIFT = "topic.shift.schema.json";
const Z = "topic.z.report.schema.json";
const TX = "topic.transaction.schema.json";
const valid = (what, schema, instance) => ({ what, schema, instance, expect: "valid" });
const invalid = (what, schema, instance, errorIncludes) => ({
  what,
  schema,
  instance,
  expect: "invalid",
  errorIncludes,
});

const manyMovements = Array.from({ length: 251 }, (_, i) => ({
  movementId: id(10000 + i),
  kind: "paidIn",
  amountCents: 100,
  reason: "x".repeat(100),
  employeeId: CASHIER,
  at: "2026-12-20T09:00:00.000Z",
}));
const unknown = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`future${i}`, i]));

export default [
  valid("a shift with counts, every kind of movement and an approval", SHIFT, shift()),
  valid(
    "a shift whose float was entered as an amount, without movements",
    SHIFT,
    without(without(shift({ movements: [] }), "floatCounts"), "countedCounts"),
  ),
  valid("a shift with empty count arrays", SHIFT, shift({ floatCounts: [], countedCounts: [] })),
  valid(
    "overShortCents != countedCents - expectedCashCents (not JSON Schema: the lane checks it)",
    SHIFT,
    shift({ overShortCents: 0 }),
  ),
  valid("a shift with up to 16 unknown members", SHIFT, shift({ future: { any: 1 } })),
  valid("a shift in its frame", "message.schema.json", frame("shift", shift())),
  valid("a shift as posted to the cloud", "cloud-message.schema.json", cloud("shift", shift())),
  invalid("a shift without totals", SHIFT, without(shift(), "totals"), "totals"),
  invalid("a shift without closedAt", SHIFT, without(shift(), "closedAt"), "closedAt"),
  invalid("a negative floatCents", SHIFT, shift({ floatCents: -1 }), "floatCents"),
  invalid("a negative countedCents", SHIFT, shift({ countedCents: -5 }), "countedCents"),
  invalid("an openedBy that is not a UUID", SHIFT, shift({ openedBy: "cashier" }), "openedBy"),
  invalid(
    "closedAt with an offset",
    SHIFT,
    shift({ closedAt: "2026-12-20T17:00:00+01:00" }),
    "closedAt",
  ),
  invalid(
    "a movement of an unknown kind",
    SHIFT,
    shift({ movements: [{ ...shift().movements[0], kind: "refund" }] }),
    "kind",
  ),
  invalid(
    "a noSale with an amount",
    SHIFT,
    shift({ movements: [{ ...shift().movements[2], amountCents: 5 }] }),
    "amountCents",
  ),
  invalid(
    "a movement with a negative amount",
    SHIFT,
    shift({ movements: [{ ...shift().movements[0], amountCents: -500 }] }),
    "amountCents",
  ),
  invalid(
    "a movement reason over 200 characters",
    SHIFT,
    shift({ movements: [{ ...shift().movements[1], reason: "r".repeat(201) }] }),
    "reason",
  ),
  invalid(
    "a denomination of 0",
    SHIFT,
    shift({ floatCounts: [{ denominationCents: 0, count: 3 }] }),
    "denominationCents",
  ),
  invalid(
    "33 denomination counts",
    SHIFT,
    shift({
      countedCounts: Array.from({ length: 33 }, (_, i) => ({ denominationCents: i + 1, count: 1 })),
    }),
    "countedCounts",
  ),
  invalid("17 unknown members", SHIFT, shift(unknown), "x-maxUnknownMembers"),
  invalid(
    "251 movements (maxMovements 250)",
    SHIFT,
    shift({ movements: manyMovements }),
    "movements",
  ),
  invalid(
    "totals with positive returnsCents",
    SHIFT,
    shift({ totals: totals({ returnsCents: 216 }) }),
    "returnsCents",
  ),
  invalid(
    "totals without tenders",
    SHIFT,
    shift({ totals: without(totals(), "tenders") }),
    "tenders",
  ),
  invalid(
    "totals with a tender of an unknown method",
    SHIFT,
    shift({ totals: totals({ tenders: [{ method: "cheque", count: 1, amountCents: 10 }] }) }),
    "method",
  ),
  invalid(
    "totals with a tax rate over 100 %",
    SHIFT,
    shift({ totals: totals({ taxByRate: [{ rateBp: 10001, netCents: 1, taxCents: 1 }] }) }),
    "rateBp",
  ),
  invalid(
    "totals with negative paidOutCents",
    SHIFT,
    shift({ totals: totals({ paidOutCents: -1 }) }),
    "paidOutCents",
  ),
  invalid(
    "totals with itemsSold as text",
    SHIFT,
    shift({ totals: totals({ itemsSold: "6" }) }),
    "itemsSold",
  ),
  invalid(
    "a shift frame whose payload is broken",
    "message.schema.json",
    frame("shift", shift({ floatCents: -1 })),
    "floatCents",
  ),

  valid("a Z report", Z, zReport()),
  valid(
    "a Z report of three shifts",
    Z,
    zReport({ zNumber: 42, shiftIds: [id(100), id(101), id(102)] }),
  ),
  valid("a Z report in its frame", "message.schema.json", frame("z.report", zReport())),
  valid(
    "a Z report as posted to the cloud",
    "cloud-message.schema.json",
    cloud("z.report", zReport()),
  ),
  invalid("zNumber 0", Z, zReport({ zNumber: 0 }), "zNumber"),
  invalid("zNumber 1.5", Z, zReport({ zNumber: 1.5 }), "zNumber"),
  invalid("no shiftIds", Z, zReport({ shiftIds: [] }), "shiftIds"),
  invalid(
    "101 shiftIds",
    Z,
    zReport({ shiftIds: Array.from({ length: 101 }, (_, i) => id(1000 + i)) }),
    "shiftIds",
  ),
  invalid("a shiftId that is not a UUID", Z, zReport({ shiftIds: ["shift-1"] }), "shiftIds"),
  invalid("a Z report without createdBy", Z, without(zReport(), "createdBy"), "createdBy"),
  invalid("a Z report without totals", Z, without(zReport(), "totals"), "totals"),
  invalid("a terminalId with a space", Z, zReport({ terminalId: "lane one" }), "terminalId"),
  invalid("17 unknown members", Z, zReport(unknown), "x-maxUnknownMembers"),
  invalid(
    "over x-maxPayloadBytes (8 KiB): 100 shifts, 100 tax rates",
    Z,
    zReport({
      shiftIds: Array.from({ length: 100 }, (_, i) => id(1000 + i)),
      totals: totals({
        taxByRate: Array.from({ length: 100 }, (_, i) => ({ rateBp: i, netCents: 0, taxCents: 0 })),
      }),
    }),
    "x-maxPayloadBytes",
  ),
  invalid(
    "a Z report posted to the cloud with broken data",
    "cloud-message.schema.json",
    cloud("z.report", zReport({ zNumber: -3 })),
    "zNumber",
  ),

  valid("a sale rung in a shift", TX, sale()),
  valid("a sale without shiftId", TX, without(sale(), "shiftId")),
  invalid("a shiftId that is not a UUID", TX, sale({ shiftId: "shift-1" }), "shiftId"),
];
