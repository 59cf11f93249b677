/** What `fn` throws, or undefined when it returns: for checking an error's code and words. */
export function thrownBy(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
