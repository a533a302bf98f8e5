import { useEffect, useState } from 'react';
import { commonPasswordSet, type CommonPasswords } from '@als/shared';

let loading: Promise<CommonPasswords> | null = null;

/** The list of common passwords the API refuses (loaded on first use, in a chunk of its own). */
export function loadCommonPasswords(): Promise<CommonPasswords> {
  loading ??= import('@zxcvbn-ts/language-common').then((m) => commonPasswordSet(m.dictionary['passwords-common']));
  return loading;
}

/** The common passwords once loaded; null until then (or if they cannot be loaded: the API still checks). */
export function useCommonPasswords(): CommonPasswords | null {
  const [common, setCommon] = useState<CommonPasswords | null>(null);
  useEffect(() => {
    let current = true;
    loadCommonPasswords().then(
      (set) => current && setCommon(set),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return common;
}
