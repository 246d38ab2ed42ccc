// class-transformer ships no typings for its internal CommonJS storage entry point.
declare module 'class-transformer/cjs/storage' {
  export const defaultMetadataStorage: {
    getExposedMetadatas(target: Function): Array<{ propertyName?: string }>;
    findTransformMetadatas(target: Function, propertyName: string, type: number): Array<{ transformFn: (params: import('class-transformer').TransformFnParams) => unknown }>;
    findTypeMetadata(target: Function, propertyName: string): { typeFunction?: () => Function } | undefined;
  };
}
