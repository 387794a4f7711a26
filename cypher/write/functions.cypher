// Function nodes are shared by all municipalities; labels are set when a key first appears.
UNWIND $rows AS row
MERGE (f:Function {key: row.key})
  ON CREATE SET f.label_nb = row.nb, f.label_en = row.en
