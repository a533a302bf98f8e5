import { bakeSvg, defaultBadgeSvg, parseBadgeImage, unbakeSvg } from './badge-image';

const svg = (text: string) => `data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}`;

describe('parseBadgeImage', () => {
  it('takes a plain SVG drawing and refuses what can run or fetch', () => {
    expect(parseBadgeImage(svg('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>'))).toMatchObject({ type: 'image/svg+xml' });
    for (const bad of [
      '<svg><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"></svg>',
      '<svg><foreignObject><iframe/></foreignObject></svg>',
      '<svg><a href="javascript:alert(1)">x</a></svg>',
      '<svg><image href="https://tracker.example/p.png"/></svg>',
      '<svg><!DOCTYPE x [<!ENTITY e "x">]></svg>',
      '<html><svg></svg></html>',
    ]) expect(parseBadgeImage(svg(bad))).toHaveProperty('problem');
  });
});

describe('bakeSvg', () => {
  const credential = { id: 'urn:x', evidence: [{ narrative: 'A ]]> inside <b>&</b> the statement' }] };

  it('puts the credential in <openbadges:credential> right inside the root element, and gets the same value back', () => {
    for (const image of [null, { type: 'image/svg+xml' as const, bytes: Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10"><rect/></svg>') }]) {
      const baked = bakeSvg(image, 'A badge', credential);
      expect(baked).toMatch(/^<svg[^>]*xmlns:openbadges="https:\/\/purl\.imsglobal\.org\/ob\/v3p0"[^>]*><openbadges:credential><!\[CDATA\[/);
      expect(baked.match(/]]>/g)).toHaveLength(1);
      expect(unbakeSvg(baked)).toEqual(credential);
    }
  });

  it('draws a default badge with the name, escaped', () => {
    expect(defaultBadgeSvg('Care & <Courage>')).toContain('Care &amp; &lt;Courage&gt;');
  });
});
