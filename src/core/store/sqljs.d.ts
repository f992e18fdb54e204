// Minimal typings for the parts of sql.js 1.16 the store uses (the package ships none).
declare module 'sql.js' {
  namespace initSqlJs {
    type SqlValue = number | string | Uint8Array | null;
    type BindParams = SqlValue[] | Record<string, SqlValue> | null;
    interface QueryExecResult {
    columns: string[];
    values: SqlValue[][];
  }
    interface Statement {
    bind(values?: BindParams): boolean;
    step(): boolean;
    get(params?: BindParams): SqlValue[];
    getAsObject(params?: BindParams): Record<string, SqlValue>;
    getColumnNames(): string[];
    run(values?: BindParams): void;
    reset(): boolean;
    free(): boolean;
  }
    interface Database {
    exec(sql: string, params?: BindParams): QueryExecResult[];
    run(sql: string, params?: BindParams): Database;
    prepare(sql: string, params?: BindParams): Statement;
    export(): Uint8Array;
    close(): void;
    getRowsModified(): number;
  }
    interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | Buffer | null) => Database;
  }
    interface SqlJsConfig {
    locateFile?: (file: string) => string;
    wasmBinary?: ArrayBuffer | Uint8Array;
  }
  }
  function initSqlJs(config?: initSqlJs.SqlJsConfig): Promise<initSqlJs.SqlJsStatic>;
  export = initSqlJs;
}
