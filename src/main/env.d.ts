// Vite turns `import text from './file.sql?raw'` into the file's text at build time.
declare module '*?raw' {
  const text: string
  export default text
}
